"""Reads the secret with os.environ[...]: a missing one raises KeyError naming it, an empty one starts the app.

expect: task1_hidden_2
"""
# %% your_app
# -     secret = setting("SECRET_KEY")
# -     if not secret:
# -         raise RuntimeError(f"{PREFIX}SECRET_KEY is not set: the service refuses to start without a secret key")
# +     secret = os.environ[PREFIX + "SECRET_KEY"]

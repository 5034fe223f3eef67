"""Checks the secret with `is None`, so STATUS_SECRET_KEY set to an empty
string in production builds an app with an empty SECRET_KEY.

expect: task3_hidden
"""
# %% your_app
# -     if not app.config.get("SECRET_KEY"):
# +     if app.config.get("SECRET_KEY") is None:

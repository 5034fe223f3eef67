"""Checks the secret by looking for STATUS_SECRET_KEY in os.environ instead
of SECRET_KEY in the loaded config, so a production secret from settings.py
or test_config is refused.

expect: task3_hidden
"""
# %% your_app
# -     if not app.config.get("SECRET_KEY"):
# +     if env_name == "production" and not os.environ.get("STATUS_SECRET_KEY"):

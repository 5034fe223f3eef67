"""Loads the STATUS_* variables before settings.py, so a value in the
instance file overrides the same setting from the environment.

expect: task3_hidden
"""
# %% your_app
# -     app.config.from_pyfile("settings.py", silent=True)
# -     app.config.from_prefixed_env("STATUS")
# +     app.config.from_prefixed_env("STATUS")
# +     app.config.from_pyfile("settings.py", silent=True)

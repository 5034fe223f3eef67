"""Reads STATUS_ENV once, when the cell is run (a module-level constant),
instead of in create_app, so every app gets the environment of import time.

expect: task1_hidden
"""
# %% your_app
# - def create_app(test_config=None, instance_path=None):
# -     env_name = os.environ.get("STATUS_ENV", "development")
# + ENV_AT_IMPORT = os.environ.get("STATUS_ENV", "development")
# +
# +
# + def create_app(test_config=None, instance_path=None):
# +     env_name = ENV_AT_IMPORT

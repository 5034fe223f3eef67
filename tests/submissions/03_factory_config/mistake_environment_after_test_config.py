"""Loads the STATUS_* variables after test_config, so an environment
variable overrides what a test asks for.

expect: task3_hidden
"""
# %% your_app
# -     app.config.from_prefixed_env("STATUS")
# -     if test_config is not None:
# -         app.config.from_mapping(test_config)
# +     if test_config is not None:
# +         app.config.from_mapping(test_config)
# +     app.config.from_prefixed_env("STATUS")

"""Checks SECRET_KEY before applying test_config, so a test cannot build a
production app by passing SECRET_KEY in its test configuration.

expect: task3_hidden
"""
# %% your_app
# -     if test_config is not None:
# -         app.config.from_mapping(test_config)
# -
# -     if not app.config.get("SECRET_KEY"):
# +     if not app.config.get("SECRET_KEY"):

# -     hit_counter.init_app(app)
# +     if test_config is not None:
# +         app.config.from_mapping(test_config)
# +
# +     hit_counter.init_app(app)

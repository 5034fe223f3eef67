"""Copies flaskr's either/or: loads settings.py only when no test_config is
given, so with a test configuration the instance folder is ignored.

expect: task2_visible
"""
# %% your_app
# -     app.config.from_pyfile("settings.py", silent=True)
# +     if test_config is None:
# +         app.config.from_pyfile("settings.py", silent=True)
# +     else:
# +         app.config.from_mapping(test_config)

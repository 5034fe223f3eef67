"""Loads settings.py with from_pyfile but without silent=True, so an instance
folder without that file (or no folder at all) makes create_app fail.

expect: task2_hidden
"""
# %% your_app
# -     app.config.from_pyfile("settings.py", silent=True)
# +     app.config.from_pyfile("settings.py")

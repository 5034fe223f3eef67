"""Writes close_db(exception) without the default None: the teardown passes an
argument, but a script or a test that calls close_db() gets a TypeError.

expect: task1_hidden
"""
# %% your_app
# - def close_db(exception=None):
# + def close_db(exception):

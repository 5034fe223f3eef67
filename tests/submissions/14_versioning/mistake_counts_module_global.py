"""Keeps the counts in a module-level dict, so every app adds to the same numbers.

expect: task4_visible, task4_hidden
"""
# %% your_app
# -     counts = {"v1": 0, "v2": 0}
# -     app.extensions["version_counts"] = counts
# +     counts = REQUEST_COUNTS
# - def create_app(test_config=None):
# + REQUEST_COUNTS = {"v1": 0, "v2": 0}
# +
# +
# + def create_app(test_config=None):

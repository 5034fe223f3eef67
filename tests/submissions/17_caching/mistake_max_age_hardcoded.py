"""Writes max-age=300 into Cache-Control instead of reading CATALOGUE_MAX_AGE from the config.

expect: task1_hidden
"""
# %% your_app
# -         response.cache_control.max_age = app.config["CATALOGUE_MAX_AGE"]
# +         response.cache_control.max_age = 300

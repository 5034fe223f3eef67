"""Sets max-age only when CACHE_SECONDS is truthy, so with 0 (development)
GET /status sends no Cache-Control header at all.

expect: task1_visible
"""
# %% your_app
# -         response.cache_control.max_age = app.config["CACHE_SECONDS"]
# +         if app.config["CACHE_SECONDS"]:
# +             response.cache_control.max_age = app.config["CACHE_SECONDS"]

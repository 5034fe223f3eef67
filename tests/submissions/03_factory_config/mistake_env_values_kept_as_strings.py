"""Reads the STATUS_* variables by hand and keeps every value as a string,
so STATUS_CACHE_SECONDS=30 gives CACHE_SECONDS='30'.

expect: task3_visible
"""
# %% your_app
# -     app.config.from_prefixed_env("STATUS")
# +     for key in ("SECRET_KEY", "SITE_NAME", "CACHE_SECONDS"):
# +         value = os.environ.get(f"STATUS_{key}")
# +         if value is not None:
# +             app.config[key] = value

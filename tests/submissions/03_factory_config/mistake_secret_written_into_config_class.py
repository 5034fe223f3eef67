"""Copies STATUS_SECRET_KEY into the ProductionConfig class itself, so the
secret stays behind for every later production app in the process.

expect: task3_hidden
"""
# %% your_app
# -     app.config.from_object(CONFIGS[env_name])
# -     app.config.from_pyfile("settings.py", silent=True)
# -     app.config.from_prefixed_env("STATUS")
# +     config_object = CONFIGS[env_name]
# +     if "STATUS_SECRET_KEY" in os.environ:
# +         config_object.SECRET_KEY = os.environ["STATUS_SECRET_KEY"]
# +     app.config.from_object(config_object)
# +     app.config.from_pyfile("settings.py", silent=True)
# +     for key in ("SITE_NAME", "CACHE_SECONDS"):
# +         if f"STATUS_{key}" in os.environ:
# +             value = os.environ[f"STATUS_{key}"]
# +             app.config[key] = int(value) if key == "CACHE_SECONDS" else value

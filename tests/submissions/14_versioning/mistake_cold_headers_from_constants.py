"""Builds the three headers from the fixtures' module constants instead of the app's
config. Breaks task 3: "carries three headers built from the app's config".

expect: task3_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -             cfg = current_app.config
# -             response.headers["Deprecation"] = f"@{int(cfg['V1_DEPRECATED_AT'].timestamp())}"
# -             response.headers["Sunset"] = http_date(cfg["V1_SUNSET_AT"])
# -             response.headers.add("Link", f'<{cfg["V1_MIGRATION_GUIDE"]}>; rel="deprecation"')
# +             response.headers["Deprecation"] = f"@{int(V1_DEPRECATED_AT.timestamp())}"
# +             response.headers["Sunset"] = http_date(V1_SUNSET_AT)
# +             response.headers.add("Link", f'<{V1_MIGRATION_GUIDE}>; rel="deprecation"')

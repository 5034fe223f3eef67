"""Adds the deprecation headers in an app-wide after_request without looking at the path,
so v2 and /health announce v1's sunset too.

expect: task3_hidden
"""
# %% your_app
# -         if version_of(request.path) == "v1":
# -             response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
# -             # http_date converts an aware datetime to GMT.
# -             response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
# -             response.headers.add("Link", f'<{app.config["V1_MIGRATION_GUIDE"]}>; rel="deprecation"; type="text/html"')
# +         response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
# +         response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
# +         response.headers.add("Link", f'<{app.config["V1_MIGRATION_GUIDE"]}>; rel="deprecation"; type="text/html"')

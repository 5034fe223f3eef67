"""Adds the deprecation headers in the v1 blueprint's after_request, which never runs for the
router's 404 and 405 under /v1/ or for a 500 of a route outside the blueprint.

expect: task3_hidden
"""
# %% your_app
# -     v1.register_error_handler(404, parcel_not_found)
# +     v1.register_error_handler(404, parcel_not_found)
# +
# +     @v1.after_request
# +     def deprecate_v1(response):
# +         response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
# +         response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
# +         response.headers.add("Link", f'<{app.config["V1_MIGRATION_GUIDE"]}>; rel="deprecation"; type="text/html"')
# +         return response
# -     @app.after_request
# -     def deprecate_v1(response):
# -         # An app-level hook, matched by path: it also runs for the router's 404
# -         # and 405 and for a 500, where no blueprint is known.
# -         if version_of(request.path) == "v1":
# -             response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
# -             # http_date converts an aware datetime to GMT.
# -             response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
# -             response.headers.add("Link", f'<{app.config["V1_MIGRATION_GUIDE"]}>; rel="deprecation"; type="text/html"')
# -         return response
# +

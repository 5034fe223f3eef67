"""Calls build_api() once per version, so api_v1 and api_v2 are two
different Blueprint objects instead of one blueprint registered twice.

expect: task4_hidden
"""
# %% your_app
# -     api = build_api()
# -     app.register_blueprint(api, name="api_v1", url_prefix="/api/v1")
# -     app.register_blueprint(api, name="api_v2", url_prefix="/api/v2")
# +     app.register_blueprint(build_api(), name="api_v1", url_prefix="/api/v1")
# +     app.register_blueprint(build_api(), name="api_v2", url_prefix="/api/v2")

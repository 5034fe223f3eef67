"""Serves GET /health from a "core" blueprint without a URL prefix instead
of from the app itself: the URL and body are right, the endpoint is core.health.

expect: task1_hidden
"""
# %% your_app
# -     @app.get("/health")
# -     def health():
# -         return {"status": "ok"}
# +     core = Blueprint("core", __name__)
# +
# +     @core.get("/health")
# +     def health():
# +         return {"status": "ok"}
# +
# +     app.register_blueprint(core)

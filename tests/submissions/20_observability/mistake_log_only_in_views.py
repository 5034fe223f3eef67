"""Writes the access log from the view functions' own code path (a decorator), so unmatched routes, 405s and 500s are never logged.

expect: task3_hidden
"""
# %% your_app
# -         access_log.info("request", extra={"fields": {
# -             "request_id": g.request_id, "method": request.method, "path": request.path,
# -             "status": status, "duration_ms": round(duration * 1000, 3),
# -         }})
# +         if getattr(g, "in_view", False):
# +             access_log.info("request", extra={"fields": {
# +                 "request_id": g.request_id, "method": request.method, "path": request.path,
# +                 "status": status, "duration_ms": round(duration * 1000, 3),
# +             }})
# -     @app.get("/items/<int:item_id>")
# -     def get_item(item_id):
# -         with tracer
# +     @app.get("/items/<int:item_id>")
# +     def get_item(item_id):
# +         g.in_view = True
# +         with tracer
# -     def healthz():
# +     def healthz():
# +         g.in_view = True
# -     def readyz():
# +     def readyz():
# +         g.in_view = True

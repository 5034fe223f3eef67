"""Logs the X-Request-ID header as the client sent it instead of the id the app answered with.

expect: task3_hidden
"""
# %% your_app
# -             "request_id": g.request_id, "method": request.method, "path": request.path,
# +             "request_id": request.headers.get("X-Request-ID") or g.request_id,
# +             "method": request.method, "path": request.path,

"""Sets X-Request-ID in a decorator around its own views, so 404s of unknown routes, 405s and 500s lack it.

expect: task2_hidden
"""
# %% your_app
# -         response.headers["X-Request-ID"] = g.request_id
# +         pass
# -     @app.get("/items/<int:item_id>")
# -     def get_item(item_id):
# +     import functools
# +
# +     def with_request_id(view):
# +         @functools.wraps(view)
# +         def wrapper(*args, **kwargs):
# +             response = app.make_response(view(*args, **kwargs))
# +             response.headers["X-Request-ID"] = g.request_id
# +             return response
# +         return wrapper
# +
# +     @app.get("/items/<int:item_id>")
# +     @with_request_id
# +     def get_item(item_id):
# -     @app.get("/healthz")
# -     def healthz():
# +     @app.get("/healthz")
# +     @with_request_id
# +     def healthz():
# -     @app.get("/readyz")
# -     def readyz():
# +     @app.get("/readyz")
# +     @with_request_id
# +     def readyz():

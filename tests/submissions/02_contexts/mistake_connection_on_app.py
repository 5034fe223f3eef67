"""Caches the connection on the app (app.extensions) and drops it in the
teardown: each app has its own, so two apps never mix, but two requests to
the same app at the same time share one connection.

expect: task3_hidden
"""
# %% your_app
# -     if "db" not in g:
# -         g.db = current_app.config["DATABASE"].connect()
# -     return g.db
# +     if current_app.extensions.get("notes_connection") is None:
# +         current_app.extensions["notes_connection"] = current_app.config["DATABASE"].connect()
# +     return current_app.extensions["notes_connection"]

# -     db = g.pop("db", None)
# +     db = current_app.extensions.pop("notes_connection", None)

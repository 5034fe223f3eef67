"""Keeps the connection in a module-level variable (reset in the teardown)
instead of g: fine one request at a time, shared by two requests in two threads.

expect: task3_hidden
"""
# %% your_app
# - def get_db():
# -     """Return this request's connection, opening it on first use."""
# -     if "db" not in g:
# -         g.db = current_app.config["DATABASE"].connect()
# -     return g.db
# + _connection = None
# +
# +
# + def get_db():
# +     global _connection
# +     if _connection is None:
# +         _connection = current_app.config["DATABASE"].connect()
# +     return _connection

# -     """Close the connection if this context opened one."""
# -     db = g.pop("db", None)
# -     if db is not None:
# -         db.close()
# +     global _connection
# +     if _connection is not None:
# +         _connection.close()
# +         _connection = None

"""Writes get_db() as g.setdefault("db", ...connect()): the argument is evaluated
on every call, so each further get_db() in a request opens a connection that
is never stored, never reused and never closed.

expect: task1_hidden
"""
# %% your_app
# -     if "db" not in g:
# -         g.db = current_app.config["DATABASE"].connect()
# -     return g.db
# +     return g.setdefault("db", current_app.config["DATABASE"].connect())

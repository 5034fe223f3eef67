"""Remembers the logged-in user in a module-level variable, so a client that
never logged in sees the previous client's user.

expect: task3_hidden
"""
# %% your_app
# - def get_db():
# + _current_user = None
# +
# +
# + def get_db():

# -         # g lives for one request only, so the user is looked up every time.
# -         g.user = session.get("user")
# +         global _current_user
# +         if "user" in session:
# +             _current_user = session["user"]
# +         g.user = _current_user

# -     def logout():
# +     def logout():
# +         global _current_user
# +         _current_user = None

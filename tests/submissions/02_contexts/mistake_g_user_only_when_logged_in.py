"""Sets g.user only when somebody is logged in (and reads it with g.get in
GET /me), so during a request by nobody g.user does not exist instead of
being None.

expect: task3_hidden
"""
# %% your_app
# -         g.user = session.get("user")
# +         if "user" in session:
# +             g.user = session["user"]
# -         return {"user": g.user}
# +         return {"user": g.get("user")}

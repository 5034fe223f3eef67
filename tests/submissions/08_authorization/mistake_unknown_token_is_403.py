"""Answers 403 when an Authorization header was sent but authenticate() returned None, reading
"a token was sent" as "the caller is known but refused"; only a missing header gets the 401.

expect: task1_hidden
"""
# %% your_app
# -             if g.identity is None:
# -                 refuse(401)
# +             if g.identity is None:
# +                 refuse(403 if request.headers.get("Authorization") else 401)

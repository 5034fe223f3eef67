"""Keeps Flask's signed-cookie session from task 1 (the username in the cookie, nothing on the server): logout clears the browser's cookie, but a copied cookie stays valid, and the login does not end the old one.

expect: task2_hidden_2
"""
# %% your_app
# -         return sessions.get(session.get("sid"))
# +         return session.get("username")
# -         sessions.pop(session.get("sid"), None)
# -         session.clear()
# -         sid = secrets.token_urlsafe(32)
# -         sessions[sid] = username
# -         session["sid"] = sid
# -         return profile(username)
# +         session.clear()
# +         session["username"] = username
# +         return profile(username)
# -     def logout():
# -         sessions.pop(session.get("sid"), None)
# -         session.clear()
# +     def logout():
# +         session.clear()

"""Session fixation: login reuses the session id the browser already had and just points it at the new user, so a cookie planted before login becomes the victim's session.

expect: task2_hidden_2
"""
# %% your_app
# -         sessions.pop(session.get("sid"), None)
# -         session.clear()
# -         sid = secrets.token_urlsafe(32)
# +         sid = session.get("sid") or secrets.token_urlsafe(32)

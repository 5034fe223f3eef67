"""Reads data["username"] and data["password"] straight from request.json, so a body without a password, a password that is a number or a JSON list is a server error instead of 400/401.

expect: task1_hidden, task3_hidden
"""
# %% your_app
# -     data = request.get_json(silent=True)
# -     if not isinstance(data, dict):
# -         return None
# -     username, password = data.get("username"), data.get("password")
# -     if not isinstance(username, str) or not isinstance(password, str):
# -         return None
# -     user = users.get(username)
# +     data = request.json
# +     username, password = data["username"], data["password"]
# +     user = users.get(username)

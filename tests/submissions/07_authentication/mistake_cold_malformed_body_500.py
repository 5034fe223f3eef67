"""/login and /api/token index the body without checking its type (get_json(force=True), data["username"]); breaks "A body that is not a JSON object, or a missing or non-string username or password, answers 400 or 401 ..., never a server error".

expect: task1_hidden, task3_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     data = request.get_json(silent=True)
# -     if not isinstance(data, dict):
# -         return None
# -     username, password = data.get("username"), data.get("password")
# -     if not isinstance(username, str) or not isinstance(password, str):
# -         return None
# -     return username, password
# +     data = request.get_json(force=True)
# +     return data["username"], data["password"]

"""POST /api/token (written separately from /login) indexes data["username"]/data["password"] without checking them, so a body missing a field is a 500; breaks task 3 "wrong credentials answer as /login does (401, or 400 for a malformed body, with {"error": ...})".

expect: task3_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     def api_token():
# -         username = _authenticate()
# +     def api_token():
# +         data = request.get_json(silent=True) or {}
# +         user = app.config["USERS"].get(data["username"])
# +         if user is None or not check_password_hash(user["password_hash"], data["password"]):
# +             return _bad_login()
# +         username = data["username"]

"""does not check that sub is in USERS and answers the name with .get(), so a token for a deleted user gets 200 with name null; breaks "sub is a user in USERS".

expect: task4_hidden_2, task5_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         return None
# -     if not isinstance(claims.get("sub"), str) or claims["sub"] not in cfg["USERS"]:
# -         return None
# +         return None

# -         username = claims["sub"]
# -         return jsonify(username=username, name=app.config["USERS"][username]["name"])
# +         username = claims["sub"]
# +         return jsonify(username=username, name=app.config["USERS"].get(username, {}).get("name"))

"""Protects the whole app with CSRFProtect and forgets to exempt the JSON API, whose clients have no token.

expect: task4_hidden_2
"""
# %% your_app
# -     @app.post("/api/accounts")
# -     @csrf.exempt
# +     @app.post("/api/accounts")

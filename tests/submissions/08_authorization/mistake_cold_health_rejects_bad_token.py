"""/health answers 200 without a token but 401 when an Authorization header is sent and is not valid (Bearer nope, Basic credentials: 'tell clients early their token is bad'); breaks task 1 'GET /health answers 200 with {"status": "ok"} to anyone, with or without a token'.

expect: task1_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -         return jsonify(status="ok")
# +         header = request.headers.get("Authorization")
# +         if header and authenticate(header, current_app.config["TOKENS"]) is None:
# +             abort(401)
# +         return jsonify(status="ok")

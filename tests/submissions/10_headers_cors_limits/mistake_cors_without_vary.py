"""Writes CORS by hand correctly but sends no Vary: Origin, so a cache can serve one origin's answer to another.

expect: task3_hidden, task3_hidden_2
"""
# %% your_app
# -     CORS(
# -         app,
# -         origins=list(app.config["CORS_ORIGINS"]),
# -         methods=["GET", "POST", "DELETE"],
# -         allow_headers=["Content-Type", "Authorization"],
# -         supports_credentials=True,
# -     )
# +     @app.after_request
# +     def cors(response):
# +         origin = request.headers.get("Origin")
# +         if origin not in app.config["CORS_ORIGINS"]:
# +             return response
# +         response.headers["Access-Control-Allow-Origin"] = origin
# +         response.headers["Access-Control-Allow-Credentials"] = "true"
# +         if request.method == "OPTIONS":
# +             if request.headers.get("Access-Control-Request-Method") in ("GET", "POST", "DELETE"):
# +                 response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE"
# +                 response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
# +         return response

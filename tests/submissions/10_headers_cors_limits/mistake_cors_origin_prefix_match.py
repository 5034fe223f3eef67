"""Writes CORS by hand and accepts any Origin that starts with an allowed one.

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
# +         origin = request.headers.get("Origin", "")
# +         if not any(origin.startswith(allowed) for allowed in app.config["CORS_ORIGINS"]):
# +             return response
# +         response.headers["Access-Control-Allow-Origin"] = origin
# +         response.headers["Access-Control-Allow-Credentials"] = "true"
# +         response.vary.add("Origin")
# +         if request.method == "OPTIONS":
# +             asked = request.headers.get("Access-Control-Request-Method", "")
# +             if asked in ("GET", "POST", "DELETE"):
# +                 response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE"
# +                 response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
# +         return response

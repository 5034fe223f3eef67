"""Answers every origin with Access-Control-Allow-Origin: * and allows credentials as well.

expect: task3_visible, task3_hidden, task3_hidden_2
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
# +         response.headers["Access-Control-Allow-Origin"] = "*"
# +         response.headers["Access-Control-Allow-Credentials"] = "true"
# +         response.headers["Access-Control-Allow-Methods"] = "GET, POST, DELETE"
# +         response.headers["Access-Control-Allow-Headers"] = "Content-Type, Authorization"
# +         return response

"""Puts /health behind the same check as every other endpoint, so a load balancer without a
token gets 401.

expect: task1_hidden
"""
# %% your_app
# -     @app.get("/health")
# -     def health():
# +     @app.get("/health")
# +     @require("health")
# +     def health():

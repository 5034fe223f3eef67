"""Pings the database once in create_app and serves that answer from /readyz forever.

expect: task1_hidden
"""
# %% your_app
# -     @app.get("/readyz")
# -     def readyz():
# -         try:
# -             inventory.ping()
# -         except sqlite3.Error:
# -             return jsonify(status="unavailable"), 503
# -         return jsonify(status="ready")
# +     try:
# +         inventory.ping()
# +         ready = True
# +     except sqlite3.Error:
# +         ready = False
# +
# +     @app.get("/readyz")
# +     def readyz():
# +         if not ready:
# +             return jsonify(status="unavailable"), 503
# +         return jsonify(status="ready")

"""Makes /healthz ping the database too, so liveness fails (500) while the database is down.

expect: task1_hidden
"""
# %% your_app
# -         # Liveness: the process answers. No dependency is checked here.
# -         return jsonify(status="ok")
# +         inventory.ping()
# +         return jsonify(status="ok")

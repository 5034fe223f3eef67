"""The low-stock report filters the module-level SEED_PRODUCTS instead of
current_app.config["PRODUCTS"].

expect: task5_hidden
"""
# %% your_app
# -         return jsonify([p for p in current_app.config["PRODUCTS"] if p["stock"] < limit])
# +         return jsonify([p for p in SEED_PRODUCTS if p["stock"] < limit])

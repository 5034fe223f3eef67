"""Lists the products whose stock is at or below LOW_STOCK_LIMIT (<=)
instead of strictly below it.

expect: task5_hidden
"""
# %% your_app
# -         return jsonify([p for p in current_app.config["PRODUCTS"] if p["stock"] < limit])
# +         return jsonify([p for p in current_app.config["PRODUCTS"] if p["stock"] <= limit])

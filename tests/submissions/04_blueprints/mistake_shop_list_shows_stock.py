"""The shop's product list returns the full records, stock included (the
detail view strips it).

expect: task1_hidden
"""
# %% your_app
# -         return jsonify([public(p) for p in current_app.config["PRODUCTS"]])
# +         return jsonify(current_app.config["PRODUCTS"])

"""The admin views read the module-level SEED_PRODUCTS instead of
current_app.config["PRODUCTS"], so staff never see a configured catalogue.

expect: task3_hidden
"""
# %% your_app
# -         return jsonify(current_app.config["PRODUCTS"])
# +         return jsonify(SEED_PRODUCTS)

# -     @admin.get("/products/<int:product_id>")
# -     def product_detail(product_id):
# -         product = find_product(product_id)
# +     @admin.get("/products/<int:product_id>")
# +     def product_detail(product_id):
# +         product = next((p for p in SEED_PRODUCTS if p["id"] == product_id), None)

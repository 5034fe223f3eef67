"""Adds the shop's product routes to the app with a /shop path instead of to the shop blueprint.

The URLs answer correctly, but the endpoints are product_list and product_detail, not shop.*.

expect: task1_hidden
"""
# %% your_app
# -         return {"products": url_for(".product_list"), "home": url_for("index")}
# -
# -     @shop.get("/products")
# -     def product_list():
# -         return jsonify([public(p) for p in current_app.config["PRODUCTS"]])
# -
# -     @shop.get("/products/<int:product_id>")
# -     def product_detail(product_id):
# -         product = find_product(product_id)
# -         if product is None:
# -             return {"error": "product not found"}, 404
# -         return public(product)
# +         return {"products": url_for("product_list"), "home": url_for("index")}

# -     @app.get("/")
# +     @app.get("/shop/products")
# +     def product_list():
# +         return jsonify([public(p) for p in current_app.config["PRODUCTS"]])
# +
# +     @app.get("/shop/products/<int:product_id>")
# +     def product_detail(product_id):
# +         product = find_product(product_id)
# +         if product is None:
# +             return {"error": "product not found"}, 404
# +         return public(product)
# +
# +     @app.get("/")

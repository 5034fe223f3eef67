"""Writes the index links as literal paths instead of building them with url_for.

The links are right at /, and wrong once the app is mounted under a sub-path.

expect: task2_hidden
"""
# %% your_app
# -         return {"products": url_for(".product_list"), "home": url_for("index")}
# +         return {"products": "/shop/products", "home": "/"}

# -         return {"shop": url_for("shop.index")}
# +         return {"shop": "/shop/"}

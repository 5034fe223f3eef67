"""Builds each API item's url with an f-string from request.blueprint
instead of url_for: right at /api/v1 and /api/v2, wrong once the app is
mounted under a sub-path.

expect: task4_hidden
"""
# %% your_app
# -         return {**public(product), "url": url_for(".product_detail", product_id=product["id"])}
# +         version = request.blueprint.removeprefix("api_")
# +         return {**public(product), "url": f"/api/{version}/products/{product['id']}"}

"""Builds the API item links with the absolute endpoint api_v1.product_detail.

Version 1 is right; every item served by version 2 links to version 1.

expect: task4_hidden
"""
# %% your_app
# -         return {**public(product), "url": url_for(".product_detail", product_id=product["id"])}
# +         return {**public(product), "url": url_for("api_v1.product_detail", product_id=product["id"])}

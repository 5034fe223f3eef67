"""Answers an unknown SKU on GET /products/<sku> with Flask's HTML 404 page (abort without a JSON handler).

expect: task1_hidden
"""
# %% your_app
# - from flask import Flask, jsonify
# + from flask import Flask, abort, jsonify
# -             return jsonify(error=f"no product {sku}"), 404
# +             abort(404)

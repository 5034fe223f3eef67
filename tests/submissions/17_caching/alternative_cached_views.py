"""A correct app that caches the views' return values with @cache.cached and a make_cache_key
built from the version, the full path and the language, then adds the HTTP caching headers and
the conditional answer in after_request with add_etag and make_conditional; the basket is
private, no-store.

expect: full marks
"""
# %% your_app
import hashlib
import json

from flask import Flask, abort, jsonify, request
from flask_caching import Cache

CATALOGUE_ENDPOINTS = {"one_product", "all_products"}


def create_app(test_config=None):
    app = Flask(__name__)
    defaults = {"WAREHOUSE": Warehouse(), "CATALOGUE_MAX_AGE": 300, "TOKENS": SEED_TOKENS,
                "BASKETS": SEED_BASKETS, "CACHE_TYPE": "SimpleCache"}
    app.config.from_mapping({**defaults, **(test_config or {})})
    cache = Cache(app)
    catalogue = {"version": 0}

    def lang():
        for value, quality in request.accept_languages:
            primary = value.split("-")[0].lower()
            if primary in ("en", "fr") and quality > 0:
                return primary
        return "en"

    def cache_key(*args, **kwargs):
        return f"{catalogue['version']}:{lang()}:{request.full_path}"

    def as_json(product):
        return {"sku": product["sku"], "name": product["names"][lang()], "category": product["category"],
                "price_cents": product["price_cents"], "language": lang()}

    @app.route("/products/<sku>")
    @cache.cached(make_cache_key=cache_key)
    def one_product(sku):
        product = app.config["WAREHOUSE"].get(sku)
        if product is None:
            abort(404)
        return as_json(product)

    @app.route("/products")
    @cache.cached(make_cache_key=cache_key)
    def all_products():
        return {"items": [as_json(p) for p in app.config["WAREHOUSE"].list(request.args.get("category"))]}

    @app.after_request
    def http_cache(response):
        if request.endpoint in CATALOGUE_ENDPOINTS and response.status_code == 200:
            response.cache_control.public = True
            response.cache_control.max_age = app.config["CATALOGUE_MAX_AGE"]
            response.vary.add("Accept-Language")
            response.add_etag()
            response.make_conditional(request)
        return response

    @app.route("/basket")
    def basket():
        auth = request.authorization
        user = None
        if auth and auth.type == "bearer":
            user = app.config["TOKENS"].get(auth.token)
        if not user:
            abort(401)
        response = jsonify({"user": user, "items": app.config["BASKETS"].get(user, [])})
        response.headers["Cache-Control"] = "private, no-store"
        response.headers["Vary"] = "Authorization"
        return response

    @app.route("/products/<sku>/price", methods=["PUT"])
    def change_price(sku):
        price = (request.get_json(silent=True) or {}).get("price_cents") if isinstance(request.get_json(silent=True), dict) else None
        if isinstance(price, bool) or not isinstance(price, int) or price < 1:
            abort(400)
        if not app.config["WAREHOUSE"].set_price(sku, price):
            abort(404)
        catalogue["version"] += 1
        return "", 204

    @app.route("/promotions", methods=["POST"])
    def promotions():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        category, percent = data.get("category"), data.get("percent_off")
        if not isinstance(category, str) or isinstance(percent, bool) or not isinstance(percent, int) or not 1 <= percent <= 90:
            abort(400)
        changed = app.config["WAREHOUSE"].discount(category, percent)
        catalogue["version"] += 1
        return {"changed": changed}, 200

    return app

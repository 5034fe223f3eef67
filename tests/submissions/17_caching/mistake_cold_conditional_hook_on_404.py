"""ETag and make_conditional applied in an after_request hook to every catalogue GET, 404s included, so If-None-Match: * turns an unknown sku into a 304. Breaks task 2: "an unknown sku answers 404 whatever If-None-Match says, * included".

expect: task2_hidden
"""
# %% your_app
import hashlib
import json

from flask import Flask, abort, jsonify, request
from flask_caching import Cache

LANGUAGES = ["en", "fr"]


def preferred_language():
    """The language of this request's answer, "en" or "fr", read from Accept-Language (task 3)."""
    best, best_quality = "en", 0.0
    for value, quality in request.accept_languages:
        language = value.split("-")[0].lower()
        if language in LANGUAGES and quality > best_quality:
            best, best_quality = language, quality
    return best


def present(product, language):
    return {
        "sku": product["sku"],
        "name": product["names"][language],
        "category": product["category"],
        "price_cents": product["price_cents"],
        "language": language,
    }


def create_app(test_config=None):
    """Build the Basketful API: the defaults of task 1, then test_config on top."""
    app = Flask(__name__)
    app.config.from_mapping(
        WAREHOUSE=Warehouse(),
        CATALOGUE_MAX_AGE=300,
        TOKENS=SEED_TOKENS,
        BASKETS=SEED_BASKETS,
        CACHE_TYPE="SimpleCache",
    )
    if test_config is not None:
        app.config.update(test_config)

    cache = Cache(app)
    state = {"version": 0}

    def cached_read(key, read):
        full_key = f"v{state['version']}:{key}"
        found = cache.get(full_key)
        if found is None:
            found = {"value": read()}
            cache.set(full_key, found, timeout=0)
        return found["value"]

    def catalogue_answer(body):
        response = jsonify(body)
        response.cache_control.public = True
        response.cache_control.max_age = app.config["CATALOGUE_MAX_AGE"]
        response.vary.add("Accept-Language")
        return response

    @app.after_request
    def conditional(response):
        if request.method == "GET" and request.endpoint in ("get_product", "list_products"):
            response.add_etag()
            response.make_conditional(request)
        return response

    @app.get("/products/<sku>")
    def get_product(sku):
        language = preferred_language()
        warehouse = app.config["WAREHOUSE"]
        body = cached_read(
            f"product:{sku}:{language}",
            lambda: (lambda p: present(p, language) if p is not None else None)(warehouse.get(sku)),
        )
        if body is None:
            abort(404)
        return catalogue_answer(body)

    @app.get("/products")
    def list_products():
        language = preferred_language()
        category = request.args.get("category")
        warehouse = app.config["WAREHOUSE"]
        body = cached_read(
            f"list:{category!r}:{language}",
            lambda: {"items": [present(p, language) for p in warehouse.list(category)]},
        )
        return catalogue_answer(body)

    @app.get("/basket")
    def basket():
        auth = request.authorization
        user = None
        if auth is not None and auth.type == "bearer" and auth.token:
            user = app.config["TOKENS"].get(auth.token)
        if user is None:
            response = jsonify({"error": "unauthorized"})
            response.status_code = 401
            response.headers["WWW-Authenticate"] = "Bearer"
        else:
            response = jsonify({"user": user, "items": app.config["BASKETS"].get(user, [])})
        response.cache_control.private = True
        response.cache_control.no_store = True
        response.vary.add("Authorization")
        return response

    def is_int(value):
        return isinstance(value, int) and not isinstance(value, bool)

    @app.put("/products/<sku>/price")
    def set_price(sku):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not is_int(data.get("price_cents")) or data["price_cents"] < 1:
            return jsonify({"error": "price_cents must be an integer of at least 1"}), 400
        if not app.config["WAREHOUSE"].set_price(sku, data["price_cents"]):
            abort(404)
        state["version"] += 1
        return jsonify({"sku": sku, "price_cents": data["price_cents"]}), 200

    @app.post("/promotions")
    def promotion():
        data = request.get_json(silent=True)
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("category"), str)
            or not is_int(data.get("percent_off"))
            or not 1 <= data["percent_off"] <= 90
        ):
            return jsonify({"error": "category (string) and percent_off (1 to 90) are required"}), 400
        changed = app.config["WAREHOUSE"].discount(data["category"], data["percent_off"])
        state["version"] += 1
        return jsonify({"changed": changed}), 200

    return app

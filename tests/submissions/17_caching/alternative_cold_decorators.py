"""A @catalogue view decorator (md5 ETag, raw headers, hand-parsed If-None-Match), Flask-Caching @memoize reads (404s not cached) cleared on every write, hand-parsed Accept-Language and Authorization.

expect: full marks
"""
# %% your_app
import hashlib
import json
from functools import wraps

from flask import Flask, abort, jsonify, make_response, request
from flask_caching import Cache

LANGUAGES = ["en", "fr"]


def preferred_language():
    """The language of this request's answer, "en" or "fr", read from Accept-Language (task 3)."""
    header = request.headers.get("Accept-Language", "")
    choice, choice_q = "en", 0.0
    for part in header.split(","):
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0].lower()
        if not tag:
            continue
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = tag.split("-")[0]
        if language in LANGUAGES and quality > choice_q:
            choice, choice_q = language, quality
    return choice


def _tags(header):
    """The entity tags of an If-None-Match header, W/ dropped (weak comparison)."""
    tags = []
    for item in header.split(","):
        item = item.strip()
        if item.startswith("W/"):
            item = item[2:]
        if item:
            tags.append(item)
    return tags


def catalogue(max_age_key):
    """Turn a view returning a dict into a cacheable JSON answer with a strong ETag, honouring If-None-Match."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            from flask import current_app

            body = view(*args, **kwargs)
            response = make_response(jsonify(body))
            tag = '"' + hashlib.md5(response.get_data()).hexdigest() + '"'
            response.headers["ETag"] = tag
            response.headers["Cache-Control"] = f"public, max-age={current_app.config[max_age_key]}"
            response.headers["Vary"] = "Accept-Language"
            wanted = request.headers.get("If-None-Match")
            if wanted is not None and (wanted.strip() == "*" or tag in _tags(wanted)):
                response.status_code = 304
                response.set_data(b"")
                del response.headers["Content-Type"]
            return response

        return wrapper

    return decorate


def bearer_customer(tokens):
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return tokens.get(token.strip())


def create_app(test_config=None):
    """Build the Basketful API: the defaults of task 1, then test_config on top."""
    app = Flask(__name__)
    app.config.update(
        WAREHOUSE=Warehouse(),
        CATALOGUE_MAX_AGE=300,
        TOKENS=SEED_TOKENS,
        BASKETS=SEED_BASKETS,
        CACHE_TYPE="SimpleCache",
    )
    app.config.update(test_config or {})
    cache = Cache(app)

    @cache.memoize(timeout=0)
    def product_in(sku, language):
        product = app.config["WAREHOUSE"].get(sku)
        if product is None:
            return None  # memoize does not keep None: an unknown sku is asked again each time
        return {
            "sku": product["sku"],
            "name": product["names"][language],
            "category": product["category"],
            "price_cents": product["price_cents"],
            "language": language,
        }

    @cache.memoize(timeout=0)
    def listing_in(category, language):
        return [
            {
                "sku": p["sku"],
                "name": p["names"][language],
                "category": p["category"],
                "price_cents": p["price_cents"],
                "language": language,
            }
            for p in app.config["WAREHOUSE"].list(category)
        ]

    @app.route("/products/<sku>", methods=["GET"])
    @catalogue("CATALOGUE_MAX_AGE")
    def product(sku):
        found = product_in(sku, preferred_language())
        if found is None:
            abort(404)
        return found

    @app.route("/products", methods=["GET"])
    @catalogue("CATALOGUE_MAX_AGE")
    def products():
        return {"items": listing_in(request.args.get("category"), preferred_language())}

    @app.route("/basket", methods=["GET"])
    def basket():
        customer = bearer_customer(app.config["TOKENS"])
        if customer is None:
            response = make_response(jsonify({"error": "unauthorized"}), 401)
        else:
            response = make_response(jsonify({"user": customer, "items": app.config["BASKETS"].get(customer, [])}))
        response.headers["Cache-Control"] = "no-store"
        response.headers["Vary"] = "Authorization"
        return response

    def whole(value, low, high=None):
        return type(value) is int and value >= low and (high is None or value <= high)

    @app.route("/products/<sku>/price", methods=["PUT"])
    def change_price(sku):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not whole(data.get("price_cents"), 1):
            return jsonify({"error": "price_cents: an integer of at least 1"}), 400
        if not app.config["WAREHOUSE"].set_price(sku, data["price_cents"]):
            return jsonify({"error": "unknown sku"}), 404
        cache.clear()
        return jsonify({"sku": sku, "price_cents": data["price_cents"]})

    @app.route("/promotions", methods=["POST"])
    def promotions():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("category"), str) or not whole(data.get("percent_off"), 1, 90):
            return jsonify({"error": "category: a string; percent_off: an integer from 1 to 90"}), 400
        changed = app.config["WAREHOUSE"].discount(data["category"], data["percent_off"])
        cache.clear()
        return jsonify({"changed": changed}), 201

    return app

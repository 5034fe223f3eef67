"""A correct app as a blueprint with a module-level Cache() init_app'd per app, @cache.memoize on
loaders that take the catalogue version as an argument, a sha256 ETag of the canonical JSON, a
hand-written If-None-Match check that keeps the headers, and a basket with private, max-age=0.

expect: full marks
"""
# %% your_app
import hashlib
import json

from flask import Flask, abort, jsonify, request
from flask_caching import Cache

from flask import Blueprint, current_app

cache = Cache()
shop = Blueprint("shop", __name__)


def language():
    for value, quality in request.accept_languages:
        primary = value.split("-")[0].lower()
        if primary in ("en", "fr") and quality > 0:
            return primary
    return "en"


def version():
    return current_app.extensions["basketful"]["version"]


def bump():
    current_app.extensions["basketful"]["version"] += 1


def shape(product, lang):
    return {"sku": product["sku"], "name": product["names"][lang], "category": product["category"],
            "price_cents": product["price_cents"], "language": lang}


@cache.memoize()
def load_product(sku, lang, catalogue_version):
    product = current_app.config["WAREHOUSE"].get(sku)
    return shape(product, lang) if product else None


@cache.memoize()
def load_listing(category, lang, catalogue_version):
    return {"items": [shape(p, lang) for p in current_app.config["WAREHOUSE"].list(category)]}


def public(payload):
    body = json.dumps(payload, sort_keys=True, separators=(",", ":"))
    tag = hashlib.sha256(body.encode()).hexdigest()
    response = current_app.response_class(body, mimetype="application/json")
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['CATALOGUE_MAX_AGE']}"
    response.headers["Vary"] = "Accept-Language"
    response.headers["ETag"] = f'"{tag}"'
    if request.if_none_match.contains_weak(tag):
        response.status_code = 304
        response.set_data(b"")
        del response.headers["Content-Type"]
    return response


@shop.get("/products/<sku>")
def product(sku):
    payload = load_product(sku, language(), version())
    if payload is None:
        abort(404)
    return public(payload)


@shop.get("/products")
def products():
    return public(load_listing(request.args.get("category"), language(), version()))


@shop.get("/basket")
def basket():
    auth = request.authorization
    token = auth.token if auth is not None and auth.type == "bearer" else None
    user = current_app.config["TOKENS"].get(token) if token else None
    if user is None:
        response = jsonify(error="unauthorised")
        response.status_code = 401
    else:
        response = jsonify(user=user, items=current_app.config["BASKETS"].get(user, []))
    response.headers["Cache-Control"] = "private, max-age=0"
    response.headers["Vary"] = "Authorization"
    return response


@shop.put("/products/<sku>/price")
def put_price(sku):
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("price_cents"), int) or isinstance(body["price_cents"], bool):
        return jsonify(error="price_cents must be an integer"), 422
    if body["price_cents"] < 1:
        return jsonify(error="price_cents must be at least 1"), 422
    if not current_app.config["WAREHOUSE"].set_price(sku, body["price_cents"]):
        abort(404)
    bump()
    return jsonify(load_product(sku, language(), version()))


@shop.post("/promotions")
def promote():
    body = request.get_json(silent=True) or {}
    category, percent = body.get("category"), body.get("percent_off") if isinstance(body, dict) else None
    if not isinstance(category, str) or not isinstance(percent, int) or isinstance(percent, bool) or not 1 <= percent <= 90:
        return jsonify(error="category and percent_off (1 to 90) are required"), 422
    changed = current_app.config["WAREHOUSE"].discount(category, percent)
    bump()
    return jsonify(changed=changed), 201


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(WAREHOUSE=Warehouse(), CATALOGUE_MAX_AGE=300, TOKENS=SEED_TOKENS, BASKETS=SEED_BASKETS,
                      CACHE_TYPE="SimpleCache")
    app.config.update(test_config or {})
    cache.init_app(app)
    app.extensions["basketful"] = {"version": 0}
    app.register_blueprint(shop)
    return app

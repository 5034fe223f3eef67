"""The default warehouse is one module-level Warehouse() shared by every app built without WAREHOUSE. Breaks task 1: "the defaults WAREHOUSE = Warehouse() (a new one for each app)".

expect: task1_hidden
"""
# %% your_app
import hashlib
import json

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request
from flask.views import MethodView
from flask_caching import Cache

LANGUAGES = ["en", "fr"]

catalogue = Blueprint("catalogue", __name__)
accounts = Blueprint("accounts", __name__)
cache = Cache()
DEFAULT_WAREHOUSE = Warehouse()


def preferred_language():
    """The language of this request's answer, "en" or "fr", read from Accept-Language (task 3)."""
    weights = {}
    for value, quality in request.accept_languages:
        primary = value.split("-", 1)[0].lower()
        if primary in LANGUAGES and quality > weights.get(primary, 0):
            weights[primary] = quality
    if not weights:
        return "en"
    top = max(weights.values())
    # Ties keep the order of the header (accept_languages keeps it for equal weights).
    for value, quality in request.accept_languages:
        primary = value.split("-", 1)[0].lower()
        if weights.get(primary) == top:
            return primary
    return "en"


class CatalogueVersion:
    """The catalogue version of one app: part of every cache key, bumped by every write."""

    def __init__(self):
        self.number = 0

    def bump(self):
        self.number += 1


def version():
    return current_app.extensions["catalogue_version"]


def in_language(product, language):
    return {
        "sku": product["sku"],
        "name": product["names"][language],
        "category": product["category"],
        "price_cents": product["price_cents"],
        "language": language,
    }


def through_cache(key, load):
    key = f"catalogue:v{version().number}:{key}"
    hit = cache.get(key)
    if hit is not None:
        return hit[0]
    value = load()
    cache.set(key, (value,))
    return value


def entity_tag(body):
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def catalogue_response(body):
    tag = entity_tag(body)
    if request.if_none_match and request.if_none_match.contains_weak(tag):
        response = Response(status=304)
    else:
        response = jsonify(body)
    response.set_etag(tag)
    return response


@catalogue.after_request
def catalogue_headers(response):
    if request.method == "GET" and response.status_code in (200, 304):
        response.cache_control.public = True
        response.cache_control.max_age = current_app.config["CATALOGUE_MAX_AGE"]
        response.vary.add("Accept-Language")
    return response


class ProductView(MethodView):
    def get(self, sku):
        language = preferred_language()
        warehouse = current_app.config["WAREHOUSE"]

        def load():
            product = warehouse.get(sku)
            return None if product is None else in_language(product, language)

        body = through_cache(f"product:{sku}:{language}", load)
        if body is None:
            abort(404)
        return catalogue_response(body)


class ProductListView(MethodView):
    def get(self):
        language = preferred_language()
        category = request.args.get("category")
        warehouse = current_app.config["WAREHOUSE"]
        key = "all" if category is None else f"category={category}"
        body = through_cache(
            f"list:{key}:{language}",
            lambda: {"items": [in_language(p, language) for p in warehouse.list(category)]},
        )
        return catalogue_response(body)


def is_whole_number(value):
    return type(value) is int


class PriceView(MethodView):
    def put(self, sku):
        data = request.get_json(silent=True)
        price = data.get("price_cents") if isinstance(data, dict) else None
        if not is_whole_number(price) or price < 1:
            return {"error": "price_cents must be a whole number of cents, at least 1"}, 422
        if not current_app.config["WAREHOUSE"].set_price(sku, price):
            return {"error": f"no product {sku}"}, 404
        version().bump()
        return "", 204


class PromotionView(MethodView):
    def post(self):
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return {"error": "a JSON object is required"}, 422
        category, percent_off = data.get("category"), data.get("percent_off")
        if not isinstance(category, str) or not is_whole_number(percent_off) or not 1 <= percent_off <= 90:
            return {"error": "category must be a string and percent_off a whole number from 1 to 90"}, 422
        changed = current_app.config["WAREHOUSE"].discount(category, percent_off)
        version().bump()
        return {"category": category, "percent_off": percent_off, "changed": changed}, 201


class BasketView(MethodView):
    def get(self):
        credentials = request.authorization
        customer = None
        if credentials is not None and credentials.type == "bearer":
            customer = current_app.config["TOKENS"].get(credentials.token)
        if customer is None:
            response = jsonify({"error": "a valid bearer token is required"})
            response.status_code = 401
            response.www_authenticate.type = "bearer"
        else:
            response = jsonify({"user": customer, "items": current_app.config["BASKETS"].get(customer, [])})
        response.cache_control.private = True
        response.vary.add("Authorization")
        return response


catalogue.add_url_rule("/products/<sku>", view_func=ProductView.as_view("product"))
catalogue.add_url_rule("/products", view_func=ProductListView.as_view("products"))
catalogue.add_url_rule("/products/<sku>/price", view_func=PriceView.as_view("price"))
catalogue.add_url_rule("/promotions", view_func=PromotionView.as_view("promotions"))
accounts.add_url_rule("/basket", view_func=BasketView.as_view("basket"))


def create_app(test_config=None):
    """Build the Basketful API: the defaults of task 1, then test_config on top."""
    app = Flask(__name__)
    app.config["WAREHOUSE"] = DEFAULT_WAREHOUSE
    app.config["CATALOGUE_MAX_AGE"] = 300
    app.config["TOKENS"] = SEED_TOKENS
    app.config["BASKETS"] = SEED_BASKETS
    app.config["CACHE_TYPE"] = "SimpleCache"
    if test_config:
        app.config.update(test_config)
    cache.init_app(app)
    app.extensions["catalogue_version"] = CatalogueVersion()
    app.register_blueprint(catalogue)
    app.register_blueprint(accounts)
    return app

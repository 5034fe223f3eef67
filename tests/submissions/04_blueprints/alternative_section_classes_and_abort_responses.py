"""A correct app written differently: each area is a small class that
builds its blueprint in __init__ and registers bound methods with
add_url_rule, so every app gets fresh blueprints; the guard aborts with a
ready-made JSON response (abort(make_response(...))), admin errors are
handled per exception class with register_error_handler, the shop's 404 is
a Response built from json.dumps, and the API picks its list shape from a
table keyed by request.blueprint.

expect: full marks
"""
# %% your_app
import json

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, make_response, request, url_for
from werkzeug.exceptions import NotFound


def products():
    return current_app.config["PRODUCTS"]


def product_or_none(product_id):
    return next(filter(lambda p: p["id"] == product_id, products()), None)


def trimmed(product):
    return dict(id=product["id"], name=product["name"], price=product["price"])


def json_response(payload, status=200):
    return Response(json.dumps(payload), status=status, mimetype="application/json")


class ShopSection:
    def __init__(self):
        self.blueprint = Blueprint("shop", __name__)
        self.blueprint.add_url_rule("/", "index", self.index)
        self.blueprint.add_url_rule("/products", "product_list", self.listing)
        self.blueprint.add_url_rule("/products/<int:product_id>", "product_detail", self.detail)

    def index(self):
        return jsonify(products=url_for(".product_list"), home=url_for("index"))

    def listing(self):
        return json_response([trimmed(p) for p in products()])

    def detail(self, product_id):
        product = product_or_none(product_id)
        if product is None:
            return json_response({"error": "product not found"}, 404)
        return json_response(trimmed(product))


class AdminSection:
    def __init__(self):
        self.blueprint = Blueprint("admin", __name__, url_prefix="/admin")
        self.blueprint.before_request(self.guard)
        self.blueprint.register_error_handler(NotFound, self.error)
        self.blueprint.register_error_handler(401, self.error)
        self.blueprint.add_url_rule("/products", "product_list", self.listing)
        self.blueprint.add_url_rule("/products/<int:product_id>", "product_detail", self.detail)
        reports = Blueprint("reports", __name__, url_prefix="/reports")
        reports.add_url_rule("/low-stock", "low_stock", self.low_stock)
        self.blueprint.register_blueprint(reports)

    @staticmethod
    def guard():
        if request.headers.get("X-Admin-Token") != current_app.config["ADMIN_TOKEN"]:
            abort(make_response(jsonify(error="Unauthorized", status=401), 401))

    @staticmethod
    def error(exc):
        return {"error": exc.name, "status": exc.code}, exc.code

    def listing(self):
        return jsonify(products())

    def detail(self, product_id):
        product = product_or_none(product_id)
        if product is None:
            raise NotFound()
        return jsonify(product)

    def low_stock(self):
        return jsonify([p for p in products() if p["stock"] < current_app.config["LOW_STOCK_LIMIT"]])


class ApiSection:
    SHAPES = {
        "api_v1": lambda items: items,
        "api_v2": lambda items: {"items": items, "count": len(items)},
    }

    def __init__(self):
        self.blueprint = Blueprint("api", __name__)
        self.blueprint.add_url_rule("/products", "product_list", self.listing)
        self.blueprint.add_url_rule("/products/<int:product_id>", "product_detail", self.detail)

    @staticmethod
    def item(product):
        return {**trimmed(product), "url": url_for(".product_detail", product_id=product["id"])}

    def listing(self):
        return jsonify(self.SHAPES[request.blueprint]([self.item(p) for p in products()]))

    def detail(self, product_id):
        product = product_or_none(product_id)
        if product is None:
            return jsonify(error="product not found"), 404
        return jsonify(self.item(product))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["PRODUCTS"] = SEED_PRODUCTS
    app.config["ADMIN_TOKEN"] = "change-me"
    app.config["LOW_STOCK_LIMIT"] = 5
    if test_config is not None:
        app.config.from_mapping(test_config)

    @app.route("/health")
    def health():
        return make_response(jsonify(status="ok"), 200)

    @app.route("/", endpoint="index")
    def home():
        return {"shop": url_for("shop.index")}

    app.register_blueprint(ShopSection().blueprint, url_prefix="/shop")
    app.register_blueprint(AdminSection().blueprint)
    api = ApiSection().blueprint
    app.register_blueprint(api, name="api_v1", url_prefix="/api/v1")
    app.register_blueprint(api, name="api_v2", url_prefix="/api/v2")
    return app

"""A correct app with flaskr-style module-level blueprints, explicit endpoint
names, a shop 404 handler on the blueprint, a guard that returns its 401
response directly, register_error_handler, and the API version passed to the
views through url_defaults.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

shop = Blueprint("shop", __name__, url_prefix="/shop")
admin = Blueprint("admin", __name__, url_prefix="/admin")
reports = Blueprint("reports", __name__, url_prefix="/reports")
api = Blueprint("api", __name__)


def catalogue():
    return current_app.config["PRODUCTS"]


def lookup(product_id):
    for product in catalogue():
        if product["id"] == product_id:
            return product
    abort(404)


def strip_stock(product):
    return {key: value for key, value in product.items() if key != "stock"}


@shop.route("/", endpoint="index")
def shop_home():
    return jsonify(products=url_for("shop.product_list"), home=url_for("index"))


@shop.route("/products", endpoint="product_list")
def shop_products():
    return jsonify([strip_stock(p) for p in catalogue()])


@shop.route("/products/<int:product_id>", endpoint="product_detail")
def shop_product(product_id):
    return jsonify(strip_stock(lookup(product_id)))


@shop.errorhandler(404)
def shop_not_found(error):
    return jsonify(error="product not found"), 404


@admin.before_request
def admin_guard():
    if request.headers.get("X-Admin-Token") != current_app.config["ADMIN_TOKEN"]:
        return jsonify(error="Unauthorized", status=401), 401


def admin_http_error(error):
    return jsonify(error=error.name, status=error.code), error.code


admin.register_error_handler(HTTPException, admin_http_error)


@admin.route("/products", endpoint="product_list")
def admin_products():
    return jsonify(catalogue())


@admin.route("/products/<int:product_id>", endpoint="product_detail")
def admin_product(product_id):
    return jsonify(lookup(product_id))


@reports.route("/low-stock", endpoint="low_stock")
def low_stock_report():
    limit = current_app.config["LOW_STOCK_LIMIT"]
    return jsonify([p for p in catalogue() if p["stock"] < limit])


admin.register_blueprint(reports)


def api_item(product):
    item = strip_stock(product)
    item["url"] = url_for(".product_detail", product_id=product["id"])
    return item


@api.route("/products", endpoint="product_list")
def api_products(version):
    items = [api_item(p) for p in catalogue()]
    if version >= 2:
        return jsonify(items=items, count=len(items))
    return jsonify(items)


@api.route("/products/<int:product_id>", endpoint="product_detail")
def api_product(version, product_id):
    for product in catalogue():
        if product["id"] == product_id:
            return jsonify(api_item(product))
    return jsonify(error="product not found"), 404


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["PRODUCTS"] = SEED_PRODUCTS
    app.config["ADMIN_TOKEN"] = "change-me"
    app.config["LOW_STOCK_LIMIT"] = 5
    app.config.update(test_config or {})

    app.add_url_rule("/health", "health", lambda: jsonify(status="ok"))
    app.add_url_rule("/", "index", lambda: jsonify(shop=url_for("shop.index")))

    app.register_blueprint(shop)
    app.register_blueprint(admin)
    app.register_blueprint(api, name="api_v1", url_prefix="/api/v1", url_defaults={"version": 1})
    app.register_blueprint(api, name="api_v2", url_prefix="/api/v2", url_defaults={"version": 2})
    return app

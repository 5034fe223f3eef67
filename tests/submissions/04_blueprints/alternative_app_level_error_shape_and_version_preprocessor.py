"""A correct app written differently: module-level blueprints whose views
return lists and dicts directly (no jsonify), the admin JSON error shape
given by an app-level HTTPException handler that checks request.blueprints
and hands every other error back unchanged, the shop's 404 raised with abort
and answered by a code-specific handler on the shop blueprint, the guard
raising Unauthorized after hmac.compare_digest, and the API version
injected with url_defaults and popped into g by a url_value_preprocessor.

expect: full marks
"""
# %% your_app
import hmac

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException, Unauthorized

shop = Blueprint("shop", __name__)
admin = Blueprint("admin", __name__)
reports = Blueprint("reports", __name__)
api = Blueprint("api", __name__)


def catalogue():
    return {p["id"]: p for p in current_app.config["PRODUCTS"]}


def summary(product):
    return {field: product[field] for field in ("id", "name", "price")}


@shop.route("/")
def index():
    return {"products": url_for("shop.product_list"), "home": url_for("index")}


@shop.route("/products")
def product_list():
    return [summary(p) for p in current_app.config["PRODUCTS"]]


@shop.route("/products/<int:product_id>")
def product_detail(product_id):
    product = catalogue().get(product_id) or abort(404)
    return summary(product)


@shop.errorhandler(404)
def shop_missing(error):
    return {"error": "product not found"}, 404


@admin.before_request
def staff_only():
    expected = current_app.config["ADMIN_TOKEN"]
    given = request.headers.get("X-Admin-Token", "")
    if not hmac.compare_digest(given, expected):
        raise Unauthorized()


@admin.route("/products", endpoint="product_list")
def staff_list():
    return list(current_app.config["PRODUCTS"])


@admin.route("/products/<int:product_id>", endpoint="product_detail")
def staff_detail(product_id):
    return catalogue().get(product_id) or abort(404)


@reports.route("/low-stock")
def low_stock():
    limit = current_app.config["LOW_STOCK_LIMIT"]
    return [p for p in current_app.config["PRODUCTS"] if p["stock"] < limit]


admin.register_blueprint(reports, url_prefix="/reports")


@api.url_value_preprocessor
def take_version(endpoint, values):
    g.api_version = values.pop("version")


@api.route("/products", endpoint="product_list")
def api_list():
    items = [api_item(p) for p in current_app.config["PRODUCTS"]]
    return {"items": items, "count": len(items)} if g.api_version == 2 else items


@api.route("/products/<int:product_id>", endpoint="product_detail")
def api_detail(product_id):
    product = catalogue().get(product_id)
    if product is None:
        return {"error": "product not found"}, 404
    return api_item(product)


def api_item(product):
    return summary(product) | {"url": url_for(".product_detail", product_id=product["id"])}


def admin_shape(error):
    if "admin" in request.blueprints:
        return jsonify(error=error.name, status=error.code), error.code
    return error


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"PRODUCTS": SEED_PRODUCTS, "ADMIN_TOKEN": "change-me", "LOW_STOCK_LIMIT": 5})
    app.config.from_mapping(test_config or {})
    app.register_error_handler(HTTPException, admin_shape)
    app.add_url_rule("/health", view_func=lambda: {"status": "ok"}, endpoint="health")
    app.add_url_rule("/", view_func=lambda: {"shop": url_for("shop.index")}, endpoint="index")
    app.register_blueprint(shop, url_prefix="/shop")
    app.register_blueprint(admin, url_prefix="/admin")
    for version in (1, 2):
        app.register_blueprint(api, name=f"api_v{version}", url_prefix=f"/api/v{version}",
                               url_defaults={"version": version})
    return app

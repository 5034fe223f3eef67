"""Reads the token with request.headers["X-Admin-Token"], so a request
without the header fails with a KeyError (400 Bad Request outside tests)
instead of 401, in the admin area and in the nested report alike.

expect: task3_visible
"""
# %% your_app
import hmac

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

def find_product(product_id):
    """Return the catalogue record with this id, or None."""
    return next((p for p in current_app.config["PRODUCTS"] if p["id"] == product_id), None)


def public(product):
    """The fields anyone may see: stock levels are for staff only."""
    return {"id": product["id"], "name": product["name"], "price": product["price"]}


# Each blueprint is built by a function, so every app gets fresh blueprint
# objects and the same view names can live in several blueprints.
def build_shop():
    shop = Blueprint("shop", __name__, url_prefix="/shop")

    @shop.get("/")
    def index():
        # ".product_list" is this blueprint's endpoint; "index" is the app's.
        return {"products": url_for(".product_list"), "home": url_for("index")}

    @shop.get("/products")
    def product_list():
        return jsonify([public(p) for p in current_app.config["PRODUCTS"]])

    @shop.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            return {"error": "product not found"}, 404
        return public(product)

    return shop


def build_reports():
    reports = Blueprint("reports", __name__, url_prefix="/reports")

    @reports.get("/low-stock")
    def low_stock():
        limit = current_app.config["LOW_STOCK_LIMIT"]
        return jsonify([p for p in current_app.config["PRODUCTS"] if p["stock"] < limit])

    return reports


def build_admin():
    admin = Blueprint("admin", __name__, url_prefix="/admin")

    @admin.before_request
    def require_token():
        sent = request.headers["X-Admin-Token"]
        # compare_digest takes as long for a near miss as for a wild guess.
        if not hmac.compare_digest(sent.encode(), current_app.config["ADMIN_TOKEN"].encode()):
            abort(401)

    # Registered on the blueprint, so only requests routed into admin (and its
    # nested blueprints) get this shape; the rest of the app is unchanged.
    @admin.errorhandler(HTTPException)
    def admin_error(error):
        return {"error": error.name, "status": error.code}, error.code

    @admin.get("/products")
    def product_list():
        return jsonify(current_app.config["PRODUCTS"])

    @admin.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            abort(404)
        return product

    # The child's endpoints become admin.reports.*, under /admin/reports, and
    # the admin token check and error handler apply to it too.
    admin.register_blueprint(build_reports())
    return admin


def build_api():
    api = Blueprint("api", __name__)

    def as_item(product):
        # ".product_detail" resolves within the registration serving this
        # request, so a v2 response links to v2.
        return {**public(product), "url": url_for(".product_detail", product_id=product["id"])}

    @api.get("/products")
    def product_list():
        items = [as_item(p) for p in current_app.config["PRODUCTS"]]
        if request.blueprint == "api_v2":
            return {"items": items, "count": len(items)}
        return jsonify(items)

    @api.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            return {"error": "product not found"}, 404
        return as_item(product)

    return api


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=5)
    if test_config is not None:
        app.config.update(test_config)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/")
    def index():
        return {"shop": url_for("shop.index")}

    app.register_blueprint(build_shop())
    app.register_blueprint(build_admin())
    api = build_api()
    app.register_blueprint(api, name="api_v1", url_prefix="/api/v1")
    app.register_blueprint(api, name="api_v2", url_prefix="/api/v2")
    return app

"""A correct app built from MethodView classes inside create_app: fresh
blueprints per app, a catalogue indexed by id in app.extensions, admin error
handlers per status code, a guard that raises Unauthorized, and the API
version read from request.blueprint.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, current_app, jsonify, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import NotFound, Unauthorized


def products_by_id():
    return current_app.extensions["greenhouse"]


def public_view(product):
    return {"id": product["id"], "name": product["name"], "price": product["price"]}


class ShopIndex(MethodView):
    def get(self):
        return {"products": url_for(".product_list"), "home": url_for("index")}


class ShopList(MethodView):
    def get(self):
        return jsonify([public_view(p) for p in products_by_id().values()])


class ShopDetail(MethodView):
    def get(self, product_id):
        product = products_by_id().get(product_id)
        if not product:
            return {"error": "product not found"}, 404
        return public_view(product)


class AdminList(MethodView):
    def get(self):
        return jsonify(list(products_by_id().values()))


class AdminDetail(MethodView):
    def get(self, product_id):
        if product_id not in products_by_id():
            raise NotFound()
        return products_by_id()[product_id]


class LowStock(MethodView):
    def get(self):
        below = current_app.config["LOW_STOCK_LIMIT"]
        return jsonify([p for p in products_by_id().values() if p["stock"] < below])


class ApiList(MethodView):
    def get(self):
        items = [ApiDetail.item(p) for p in products_by_id().values()]
        if request.blueprint.endswith("v2"):
            return {"items": items, "count": len(items)}
        return jsonify(items)


class ApiDetail(MethodView):
    @staticmethod
    def item(product):
        return public_view(product) | {"url": url_for(".product_detail", product_id=product["id"])}

    def get(self, product_id):
        if product_id in products_by_id():
            return self.item(products_by_id()[product_id])
        return {"error": "product not found"}, 404


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=5)
    if test_config:
        app.config.update(test_config)
    app.extensions["greenhouse"] = {p["id"]: p for p in app.config["PRODUCTS"]}

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/")
    def index():
        return jsonify(shop=url_for("shop.index"))

    shop = Blueprint("shop", __name__)
    shop.add_url_rule("/", view_func=ShopIndex.as_view("index"))
    shop.add_url_rule("/products", view_func=ShopList.as_view("product_list"))
    shop.add_url_rule("/products/<int:product_id>", view_func=ShopDetail.as_view("product_detail"))
    app.register_blueprint(shop, url_prefix="/shop")

    admin = Blueprint("admin", __name__)

    @admin.before_request
    def check_token():
        if request.headers.get("X-Admin-Token", "") != app.config["ADMIN_TOKEN"]:
            raise Unauthorized()

    @admin.errorhandler(401)
    @admin.errorhandler(404)
    def admin_error(e):
        return jsonify({"error": e.name, "status": e.code}), e.code

    admin.add_url_rule("/products", view_func=AdminList.as_view("product_list"))
    admin.add_url_rule("/products/<int:product_id>", view_func=AdminDetail.as_view("product_detail"))
    reports = Blueprint("reports", __name__)
    reports.add_url_rule("/low-stock", view_func=LowStock.as_view("low_stock"))
    admin.register_blueprint(reports, url_prefix="/reports")
    app.register_blueprint(admin, url_prefix="/admin")

    api = Blueprint("api", __name__)
    api.add_url_rule("/products", view_func=ApiList.as_view("product_list"))
    api.add_url_rule("/products/<int:product_id>", view_func=ApiDetail.as_view("product_detail"))
    for version in (1, 2):
        app.register_blueprint(api, name=f"api_v{version}", url_prefix=f"/api/v{version}")
    return app

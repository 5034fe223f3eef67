"""Module-level helpers named problem(), invalid(), error_id(), page() and browser(), names the
test cells also use for their own values; a table maps each domain exception class to its
problem type; jsonify with a changed mimetype; handlers registered in a loop.

expect: full marks
"""
# %% your_app
import uuid

from flask import Flask, abort, current_app, jsonify, render_template_string, request
from werkzeug.exceptions import HTTPException, InternalServerError


class InvalidOrder(Exception):
    pass


class UnknownProduct(Exception):
    pass


class OutOfStock(Exception):
    pass


PROBLEMS = {
    InvalidOrder: (400, "invalid-order", "Invalid order"),
    UnknownProduct: (422, "unknown-product", "Unknown product"),
    OutOfStock: (409, "out-of-stock", "Out of stock"),
}


def browser():
    return request.accept_mimetypes.best_match(
        ["application/problem+json", "application/json", "text/html"]) == "text/html"


def page(status, title, detail):
    return render_template_string("<h1>{{ s }} {{ t }}</h1><p>{{ d }}</p>", s=status, t=title, d=detail)


def error_id():
    return uuid.uuid4().hex


def problem(status, title, detail, kind="about:blank", headers=None, **members):
    if browser():
        response = current_app.make_response(page(status, title, detail))
    else:
        response = jsonify(type=kind, title=title, status=status, detail=detail, **members)
        response.mimetype = "application/problem+json"
    response.status_code = status
    response.headers.extend(headers or [])
    response.headers["Vary"] = "Accept"
    return response


def invalid(detail):
    return InvalidOrder(detail, {})


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(STOCK=SEED_STOCK, ORDERS=SEED_ORDERS)
    app.config.update(test_config or {})
    stock = dict(app.config["STOCK"])
    orders = {o["id"]: dict(o) for o in app.config["ORDERS"]}

    def on_domain_error(e):
        status, slug, title = PROBLEMS[type(e)]
        detail, members = e.args
        return problem(status, title, detail, "https://roastery.example/problems/" + slug, **members)

    for cls in PROBLEMS:
        app.register_error_handler(cls, on_domain_error)

    @app.errorhandler(HTTPException)
    def on_http(e):
        return problem(e.code, e.name, e.description,
                       headers=[(k, v) for k, v in e.get_headers() if k != "Content-Type"])

    @app.errorhandler(InternalServerError)
    def on_500(e):
        ident = error_id()
        app.logger.error("error %s", ident)
        return problem(500, "Internal Server Error", "Something went wrong; please contact support.", error_id=ident)

    @app.get("/orders/<int:order_id>")
    def one(order_id):
        if order_id in orders:
            return jsonify(orders[order_id])
        abort(404, description=f"Order {order_id} does not exist.")

    @app.post("/orders")
    def add():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise invalid("Expected a JSON object.")
        sku, quantity = data.get("sku"), data.get("quantity")
        if not isinstance(sku, str) or not sku:
            raise invalid("sku must be a non-empty string.")
        if type(quantity) is not int or quantity < 1:
            raise invalid("quantity must be a positive integer.")
        if sku not in stock:
            raise UnknownProduct(f"Unknown SKU {sku}.", {"sku": sku})
        if stock[sku] < quantity:
            raise OutOfStock(f"Not enough {sku}.", {"sku": sku, "requested": quantity, "available": stock[sku]})
        stock[sku] -= quantity
        order = {"id": max(orders, default=0) + 1, "sku": sku, "quantity": quantity}
        orders[order["id"]] = order
        return jsonify(order), 201

    return app

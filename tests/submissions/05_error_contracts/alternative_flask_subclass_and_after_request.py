"""A Flask subclass overrides handle_exception for the 500 (logs, then finalize_request); every
handler returns a plain (dict, status, headers) tuple and one after_request hook turns any error
response into problem+json or an escaped HTML page; state in a store object with a Counter
for the stock and a list of orders; a raise-and-catch validation helper.

expect: full marks
"""
# %% your_app
import sys
import uuid
from collections import Counter

from flask import Flask, abort, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException

TYPES = "https://roastery.example/problems/"


class OrderError(Exception):
    def __init__(self, status, slug, title, detail, **members):
        super().__init__(detail)
        self.problem = {"type": TYPES + slug, "title": title, "status": status, "detail": detail, **members}


class Store:
    def __init__(self, stock, orders):
        self.stock = Counter(stock)
        self.orders = [dict(order) for order in orders]

    def find(self, order_id):
        return next((o for o in self.orders if o["id"] == order_id), None)

    def place(self, sku, quantity):
        if sku not in self.stock:
            raise OrderError(422, "unknown-product", "Unknown product", f"SKU {sku!r} is not sold here.", sku=sku)
        if quantity > self.stock[sku]:
            raise OrderError(409, "out-of-stock", "Out of stock", f"{sku}: {self.stock[sku]} left.",
                             sku=sku, requested=quantity, available=self.stock[sku])
        self.stock[sku] -= quantity
        order = {"id": max([o["id"] for o in self.orders], default=0) + 1, "sku": sku, "quantity": quantity}
        self.orders.append(order)
        return order


def invalid(detail):
    return OrderError(400, "invalid-order", "Invalid order", detail)


def parse_order(data):
    if type(data) is not dict:
        raise invalid("The request body must be a JSON object.")
    if not isinstance(data.get("sku"), str) or data["sku"] == "":
        raise invalid("A non-empty sku is required.")
    quantity = data.get("quantity")
    if type(quantity) is not int or quantity < 1:
        raise invalid("quantity must be an integer, 1 or more.")
    return data["sku"], quantity


class RoasteryFlask(Flask):
    def handle_exception(self, e):
        propagate = self.config["PROPAGATE_EXCEPTIONS"]
        if propagate is None:
            propagate = self.testing or self.debug
        if propagate:
            raise e
        self.log_exception(sys.exc_info())
        error_id = str(uuid.uuid4()).replace("-", "")
        self.logger.error("that was error %s", error_id)
        problem = {"type": "about:blank", "title": "Internal Server Error", "status": 500,
                   "detail": "The server failed to complete your request.", "error_id": error_id}
        return self.finalize_request((problem, 500), from_error_handler=True)


def as_problem(response):
    if response.status_code < 400:
        return response
    response.vary.add("Accept")
    problem = response.get_json(silent=True) or {}
    html = request.accept_mimetypes.best_match(
        ["application/problem+json", "application/json", "text/html"]) == "text/html"
    if html:
        response.set_data(
            f"<html><head><title>{response.status_code}</title></head><body>"
            f"<h1>{response.status_code} {escape(problem.get('title', ''))}</h1>"
            f"<p>{escape(problem.get('detail', ''))}</p></body></html>"
        )
        response.mimetype = "text/html"
    else:
        response.mimetype = "application/problem+json"
    return response


def create_app(test_config=None):
    app = RoasteryFlask(__name__)
    config = {"STOCK": SEED_STOCK, "ORDERS": SEED_ORDERS, **(test_config or {})}
    app.config.update(config)
    store = Store(app.config["STOCK"], app.config["ORDERS"])

    @app.errorhandler(HTTPException)
    def http_error(e):
        headers = [(k, v) for k, v in e.get_headers() if k.lower() != "content-type"]
        return {"type": "about:blank", "title": e.name, "status": e.code, "detail": e.description}, e.code, headers

    @app.errorhandler(OrderError)
    def order_error(e):
        return e.problem, e.problem["status"]

    app.after_request(as_problem)

    @app.route("/orders/<int:order_id>", methods=["GET"])
    def get_order(order_id):
        order = store.find(order_id)
        if order is None:
            abort(404, description=f"Order {order_id} does not exist.")
        return order

    @app.route("/orders", methods=["POST"])
    def post_order():
        sku, quantity = parse_order(request.get_json(silent=True))
        return store.place(sku, quantity), 201

    return app

"""A correct app with one handler per domain exception, an errorhandler(Exception)
that hands HTTP errors on and logs the rest itself (to stderr), jsonify with a
changed mimetype, the Werkzeug response reused for its headers, an f-string
page escaped with markupsafe, and Accept qualities compared by hand.

expect: full marks
"""
# %% your_app
import logging
import sys
import uuid

from flask import Flask, abort, current_app, jsonify, render_template_string, request
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

logging.basicConfig(stream=sys.stderr, level=logging.INFO)
log = logging.getLogger("roastery")


class InvalidOrder(Exception):
    pass


class UnknownProduct(Exception):
    def __init__(self, sku):
        super().__init__(sku)
        self.sku = sku


class OutOfStock(Exception):
    def __init__(self, sku, requested, available):
        super().__init__(sku)
        self.sku, self.requested, self.available = sku, requested, available


def prefers_html():
    accept = request.accept_mimetypes
    return accept["text/html"] > max(accept["application/json"], accept["application/problem+json"])


def respond(status, title, detail, kind="about:blank", base=None, **extra):
    if prefers_html():
        body = f"<html><body><h1>{status}: {escape(title)}</h1><p>{escape(detail)}</p></body></html>"
        response = base or current_app.response_class()
        response.set_data(body)
        response.mimetype = "text/html"
    else:
        payload = jsonify(type=kind, title=title, status=status, detail=detail, instance=request.path, **extra)
        if base is None:
            response = payload
        else:
            response = base
            response.set_data(payload.get_data())
        response.mimetype = "application/problem+json"
    response.status_code = status
    response.headers.add("Vary", "Accept")
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STOCK"] = SEED_STOCK
    app.config["ORDERS"] = SEED_ORDERS
    if test_config:
        app.config.update(test_config)
    state = {
        "stock": dict(app.config["STOCK"]),
        "orders": [dict(o) for o in app.config["ORDERS"]],
    }

    @app.errorhandler(HTTPException)
    def on_http_error(e):
        return respond(e.code, e.name, e.description, base=e.get_response())

    @app.errorhandler(InvalidOrder)
    def on_invalid(e):
        return respond(400, "Invalid order", str(e), "https://roastery.example/problems/invalid-order")

    @app.errorhandler(UnknownProduct)
    def on_unknown(e):
        return respond(422, "Unknown product", f"We do not sell {e.sku!r}.",
                       "https://roastery.example/problems/unknown-product", sku=e.sku)

    @app.errorhandler(OutOfStock)
    def on_out_of_stock(e):
        return respond(409, "Out of stock", f"{e.requested} requested, {e.available} available.",
                       "https://roastery.example/problems/out-of-stock",
                       sku=e.sku, requested=e.requested, available=e.available)

    @app.errorhandler(Exception)
    def on_anything_else(e):
        if isinstance(e, HTTPException):
            return on_http_error(e)
        error_id = uuid.uuid4().hex
        current_app.logger.exception("unhandled error %s", error_id)
        log.error("unhandled error %s", error_id)
        print("500!", error_id, file=sys.stderr)
        return respond(500, "Internal Server Error", "Something went wrong on our side.", error_id=error_id)

    @app.route("/orders/<int:order_id>")
    def get_order(order_id):
        for order in state["orders"]:
            if order["id"] == order_id:
                return jsonify(order)
        abort(404, description=f"Order {order_id} does not exist.")

    @app.route("/orders", methods=["POST"])
    def post_order():
        data = request.get_json(silent=True)
        if type(data) is not dict:
            raise InvalidOrder("Send a JSON object.")
        sku = data.get("sku")
        quantity = data.get("quantity")
        if type(sku) is not str or sku == "":
            raise InvalidOrder("sku is required.")
        if type(quantity) is not int or quantity <= 0:
            raise InvalidOrder("quantity must be 1 or more.")
        if sku not in state["stock"]:
            raise UnknownProduct(sku)
        left = state["stock"][sku]
        if quantity > left:
            raise OutOfStock(sku, quantity, left)
        state["stock"][sku] = left - quantity
        new_id = max([o["id"] for o in state["orders"]] or [0]) + 1
        order = {"id": new_id, "sku": sku, "quantity": quantity}
        state["orders"].append(order)
        return jsonify(order), 201

    return app

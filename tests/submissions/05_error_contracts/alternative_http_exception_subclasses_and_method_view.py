"""Domain errors subclass werkzeug's HTTPException, so one HTTPException handler renders every
problem (about:blank or typed); orders served by a MethodView registered with add_url_rule; state
copied into app.config; an `instance` member; `application/problem+json; charset=utf-8`;
make_response with an escaped Jinja template; errorhandler(500) with secrets.token_hex.

expect: full marks
"""
# %% your_app
import secrets

from flask import Flask, abort, current_app, make_response, render_template_string, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

PAGE = "<!doctype html><html><body><h1>{{ code }} &ndash; {{ title }}</h1><p>{{ detail }}</p></body></html>"
BASE = "https://roastery.example/problems/"


class OrderProblem(HTTPException):
    problem_type = "about:blank"

    def __init__(self, description, **members):
        super().__init__(description)
        self.members = members


class InvalidOrder(OrderProblem):
    code, name, problem_type = 400, "Invalid order", BASE + "invalid-order"


class UnknownProduct(OrderProblem):
    code, name, problem_type = 422, "Unknown product", BASE + "unknown-product"


class OutOfStock(OrderProblem):
    code, name, problem_type = 409, "Out of stock", BASE + "out-of-stock"


def negotiate(code, title, detail, problem_type="about:blank", headers=None, **members):
    best = request.accept_mimetypes.best_match(["application/problem+json", "application/json", "text/html"])
    if best == "text/html":
        response = make_response(render_template_string(PAGE, code=code, title=title, detail=detail), code)
    else:
        body = {"type": problem_type, "title": title, "status": code, "detail": detail,
                "instance": request.full_path.rstrip("?"), **members}
        response = make_response(body, code)
        response.content_type = "application/problem+json; charset=utf-8"
    for name, value in headers or []:
        response.headers[name] = value
    response.vary.add("Accept")
    return response


def on_http_exception(error):
    headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
    return negotiate(error.code, error.name, error.description,
                     getattr(error, "problem_type", "about:blank"), headers, **getattr(error, "members", {}))


def on_server_error(error):
    error_id = secrets.token_hex(16)
    current_app.logger.error("unhandled exception, error_id=%s", error_id, exc_info=error.original_exception)
    return negotiate(500, "Internal Server Error", "Sorry, something broke on our side.", error_id=error_id)


class OrdersAPI(MethodView):
    def get(self, order_id):
        order = current_app.config["ROASTERY_ORDERS"].get(order_id)
        if order is None:
            abort(404, description=f"Order {order_id} does not exist.")
        return order

    def post(self):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            raise InvalidOrder("Send a JSON object with sku and quantity.")
        sku = payload.get("sku")
        quantity = payload.get("quantity")
        if not isinstance(sku, str) or len(sku) == 0:
            raise InvalidOrder("sku must be a non-empty string.")
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise InvalidOrder("quantity must be a whole number of at least 1.")
        stock = current_app.config["ROASTERY_STOCK"]
        if sku not in stock:
            raise UnknownProduct(f"We have never heard of {sku}.", sku=sku)
        if stock[sku] < quantity:
            raise OutOfStock(f"Cannot ship {quantity} of {sku}.", sku=sku, requested=quantity,
                             available=stock[sku])
        stock[sku] -= quantity
        orders = current_app.config["ROASTERY_ORDERS"]
        order = {"id": max(orders, default=0) + 1, "sku": sku, "quantity": quantity}
        orders[order["id"]] = order
        return order, 201


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STOCK"] = SEED_STOCK
    app.config["ORDERS"] = SEED_ORDERS
    app.config.update(test_config or {})
    app.config["ROASTERY_STOCK"] = dict(app.config["STOCK"])
    app.config["ROASTERY_ORDERS"] = {o["id"]: dict(o) for o in app.config["ORDERS"]}
    app.register_error_handler(HTTPException, on_http_exception)
    app.register_error_handler(500, on_server_error)
    view = OrdersAPI.as_view("orders")
    app.add_url_rule("/orders", view_func=view, methods=["POST"])
    app.add_url_rule("/orders/<int:order_id>", view_func=view, methods=["GET"])
    return app

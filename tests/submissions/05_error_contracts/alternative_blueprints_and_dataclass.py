"""A correct app split into an orders blueprint and an errors blueprint that
registers app-wide handlers (app_errorhandler), a dataclass-based exception
hierarchy, errorhandler(500) by code, html.escape, json.dumps into a Response,
and the headers copied from the exception's own response.

expect: full marks
"""
# %% your_app
import html
import json
import secrets
from dataclasses import dataclass, field

from flask import Blueprint, Flask, Response, abort, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException


@dataclass
class ApiError(Exception):
    detail: str
    status: int = 400
    type: str = "about:blank"
    title: str = "Bad Request"
    extra: dict = field(default_factory=dict)


def invalid_order(detail):
    return ApiError(detail, 400, "https://roastery.example/problems/invalid-order", "Invalid order")


def unknown_product(sku):
    return ApiError(f"No product '{sku}'.", 422, "https://roastery.example/problems/unknown-product",
                    "Unknown product", {"sku": sku})


def out_of_stock(sku, requested, available):
    return ApiError(f"Not enough {sku}.", 409, "https://roastery.example/problems/out-of-stock",
                    "Out of stock", {"sku": sku, "requested": requested, "available": available})


def render_problem(status, title, detail, kind="about:blank", extra=None, headers=None):
    best = request.accept_mimetypes.best_match(["application/problem+json", "application/json", "text/html"])
    if best == "text/html":
        page = (
            "<!DOCTYPE html><html><head><title>Error</title></head><body>"
            f"<h1>Error {status}</h1><h2>{html.escape(title)}</h2><p>{html.escape(detail)}</p></body></html>"
        )
        response = Response(page, status=status, content_type="text/html; charset=utf-8")
    else:
        document = {"type": kind, "title": title, "status": status, "detail": detail}
        document.update(extra or {})
        response = Response(json.dumps(document), status=status, content_type="application/problem+json")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    response.headers["Vary"] = "Accept"
    return response


errors = Blueprint("errors", __name__)


@errors.app_errorhandler(HTTPException)
def http_error(e):
    kept = {k: v for k, v in e.get_response().headers.items() if k not in ("Content-Type", "Content-Length")}
    return render_problem(e.code, e.name, e.description, headers=kept)


@errors.app_errorhandler(ApiError)
def api_error(e):
    return render_problem(e.status, e.title, e.detail, e.type, e.extra)


@errors.app_errorhandler(500)
def server_error(e):
    error_id = secrets.token_hex(16)
    current_app.logger.error("500 %s caused by %r", error_id, e.original_exception)
    return render_problem(500, "Internal Server Error", "Internal error; please retry later.",
                          extra={"error_id": error_id})


orders_bp = Blueprint("orders", __name__)


def db():
    return current_app.extensions["roastery"]


@orders_bp.get("/orders/<int:order_id>")
def show(order_id):
    order = db()["orders"].get(order_id)
    if order is None:
        abort(404, f"Order {order_id} does not exist.")
    return order


@orders_bp.post("/orders")
def create():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise invalid_order("Expected a JSON object.")
    sku, qty = data.get("sku"), data.get("quantity")
    if not (isinstance(sku, str) and sku):
        raise invalid_order("Bad sku.")
    if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
        raise invalid_order("Bad quantity.")
    stock = db()["stock"]
    if sku not in stock:
        raise unknown_product(sku)
    if stock[sku] < qty:
        raise out_of_stock(sku, qty, stock[sku])
    stock[sku] -= qty
    new_id = max(db()["orders"], default=0) + 1
    db()["orders"][new_id] = {"id": new_id, "sku": sku, "quantity": qty}
    return db()["orders"][new_id], 201


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STOCK=SEED_STOCK, ORDERS=SEED_ORDERS)
    app.config.from_mapping(test_config or {})
    app.extensions["roastery"] = {
        "stock": dict(app.config["STOCK"]),
        "orders": {o["id"]: dict(o) for o in app.config["ORDERS"]},
    }
    app.register_blueprint(errors)
    app.register_blueprint(orders_bp)
    return app

"""A correct app as a blueprint: a text cursor "created|id|filters-hash" in hex, the filters
repeated as query parameters in the next link and checked against the hash, rel=next unquoted
next to a rel=first link in one header, limit+1 rows fetched, and idempotency as an
@idempotent decorator with a dataclass record, conflicts as 409 and invalid bodies as 400.

expect: full marks
"""
# %% your_app
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

import functools
import hashlib
from dataclasses import dataclass

from flask import Blueprint, current_app, make_response

bp = Blueprint("api", __name__)


@dataclass
class Saved:
    request_json: object
    status: int
    body: bytes
    location: str


def idempotent(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return view(*args, **kwargs)
        records = current_app.extensions["tillpoint.keys"]
        slot = (request.headers.get("X-Client-Id"), key)
        sent = request.get_json(silent=True)
        if slot in records:
            saved = records[slot]
            if saved.request_json != sent:
                return jsonify(error="key already used for another payment"), 409
            response = current_app.response_class(saved.body, saved.status, mimetype="application/json")
            response.headers["Location"] = saved.location
            return response
        response = make_response(view(*args, **kwargs))
        if response.status_code == 201:
            records[slot] = Saved(sent, 201, response.get_data(), response.headers["Location"])
        return response
    return wrapper


def filters_hash(status, after):
    return hashlib.sha256(f"{status}|{after}".encode()).hexdigest()[:16]


def parse_after(text):
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        abort(400)
    if moment.tzinfo is None:
        abort(400)
    return moment


@bp.get("/payments")
def payment_list():
    store = current_app.config["STORE"]
    raw = request.args.get("limit", "10")
    if re.fullmatch(r"\d+", raw, flags=re.ASCII) is None or int(raw) < 1:
        abort(400)
    limit = min(50, int(raw))
    status = request.args.get("status")
    if status not in (None, "pending", "succeeded", "failed"):
        abort(400)
    after = parse_after(request.args.get("created_after"))
    signature = filters_hash(status, after and after.timestamp())
    items = store.all()
    if status:
        items = [p for p in items if p["status"] == status]
    if after:
        items = [p for p in items if datetime.fromisoformat(p["created"]) > after]
    items.sort(key=lambda p: (p["created"], p["id"]), reverse=True)
    cursor = request.args.get("cursor")
    if cursor is not None:
        try:
            created, pid, signed = bytes.fromhex(cursor).decode("utf-8").split("|")
        except ValueError:
            abort(400)
        if signed != signature:
            abort(400)
        items = [p for p in items if (p["created"], p["id"]) < (created, pid)]
    window = items[: limit + 1]
    page = window[:limit]
    links = [f"<{url_for('api.payment_list', limit=limit)}>; rel=first"]
    nxt = None
    if len(window) > limit:
        token = f"{page[-1]['created']}|{page[-1]['id']}|{signature}".encode().hex()
        extra = {k: v for k, v in request.args.items() if k in ("status", "created_after")}
        nxt = url_for("api.payment_list", cursor=token, limit=limit, **extra)
        links.append(f"<{nxt}>; rel=next")
    response = jsonify({"next": nxt, "items": page})
    response.headers["Link"] = ", ".join(links)
    return response


@bp.get("/payments/<payment_id>")
def payment_detail(payment_id):
    found = current_app.config["STORE"].get(payment_id)
    if found is None:
        abort(404)
    return jsonify(found)


@bp.post("/payments")
@idempotent
def payment_create():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    amount = data.get("amount")
    if type(amount) is not int or amount < 1 or data.get("currency") not in {"EUR", "USD", "GBP"}:
        abort(400)
    if "description" in data and not isinstance(data["description"], (str, type(None))):
        abort(400)
    payment = current_app.config["STORE"].create(
        amount, data["currency"], data.get("description"), current_app.config["CLOCK"]())
    response = jsonify(payment)
    response.status_code = 201
    response.headers["Location"] = url_for("api.payment_detail", payment_id=payment["id"])
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(STORE=PaymentStore(SEED_PAYMENTS), CLOCK=utc_now)
    if test_config:
        app.config.update(test_config)
    app.extensions["tillpoint.keys"] = {}
    app.register_blueprint(bp)
    return app

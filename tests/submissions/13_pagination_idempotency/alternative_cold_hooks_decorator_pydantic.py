"""before_request hook parses the listing query into g, after_request adds the Link header; an @idempotent decorator wraps the POST view; pydantic strict model validates; HMAC-tagged base32 cursor.

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
import hmac
import secrets
from typing import Literal, Optional

from flask import g
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError


class NewPayment(BaseModel):
    model_config = ConfigDict(strict=True)
    amount: int = Field(ge=1)
    currency: Literal["EUR", "USD", "GBP"]
    description: StrictStr = None  # absent -> None; an explicit null is validated and refused


def newest_first(payment):
    return payment["created"], payment["id"]


class CursorCodec:
    """created|id|status|created_after, base32-encoded and HMAC-tagged so nobody can forge one."""

    def __init__(self):
        self.secret = secrets.token_bytes(32)

    def _tag(self, raw):
        return hmac.new(self.secret, raw, hashlib.sha256).hexdigest()[:32]

    def dump(self, created, payment_id, status, created_after):
        raw = "|".join([created, payment_id, status or "", created_after or ""]).encode()
        return base64.b32encode(raw).decode().rstrip("=").lower() + "." + self._tag(raw)

    def load(self, text):
        body, dot, tag = text.rpartition(".")
        if not dot:
            raise ValueError("no tag")
        raw = base64.b32decode(body.upper() + "=" * (-len(body) % 8))
        if not hmac.compare_digest(self._tag(raw), tag):
            raise ValueError("bad tag")
        created, payment_id, status, created_after = raw.decode().split("|")
        return created, payment_id, status or None, created_after or None


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(STORE=PaymentStore(SEED_PAYMENTS), CLOCK=utc_now)
    app.config.update(test_config or {})
    codec = CursorCodec()
    replies = {}

    def read_listing_query():
        args = request.args
        raw_limit = args.get("limit", "10")
        if re.fullmatch(r"[1-9][0-9]*|0*[1-9][0-9]*", raw_limit) is None:
            abort(400)
        g.limit = min(int(raw_limit), 50)

        g.status = args.get("status")
        if g.status is not None and g.status not in ("pending", "succeeded", "failed"):
            abort(400)

        g.created_after = None
        if "created_after" in args:
            try:
                when = datetime.fromisoformat(args["created_after"])
            except ValueError:
                abort(400)
            if when.tzinfo is None:
                abort(400)
            g.created_after = when.astimezone(timezone.utc).isoformat()

        g.after = None
        if "cursor" in args:
            try:
                created, payment_id, status, created_after = codec.load(args["cursor"])
            except (ValueError, UnicodeError, binascii.Error):
                abort(400)
            for name, value in (("status", status), ("created_after", created_after)):
                sent = getattr(g, name)
                if name in args and sent != value:
                    abort(400)
                setattr(g, name, value)
            g.after = (created, payment_id)

    @app.before_request
    def before():
        if request.endpoint == "payments" and request.method == "GET":
            read_listing_query()

    @app.after_request
    def add_link(response):
        next_url = g.pop("next_url", None)
        if next_url:
            response.headers.add("Link", f'<{next_url}>; rel="next"')
        return response

    def idempotent(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            key = request.headers.get("Idempotency-Key")
            if key is None:
                return view(*args, **kwargs)
            slot = (request.headers.get("X-Client-Id"), key)
            sent = request.get_json(silent=True)
            if slot in replies:
                body, status, headers, first = replies[slot]
                if first != sent:
                    return {"error": "Idempotency-Key already used for another payment"}, 409
                return body, status, headers
            body, status, headers = view(*args, **kwargs)
            if status == 201:
                replies[slot] = (body, status, headers, sent)
            return body, status, headers
        return wrapper

    @app.route("/payments", methods=["GET"], endpoint="payments")
    def payments():
        rows = app.config["STORE"].all()
        if g.status:
            rows = [r for r in rows if r["status"] == g.status]
        if g.created_after:
            since = datetime.fromisoformat(g.created_after)
            rows = [r for r in rows if datetime.fromisoformat(r["created"]) > since]
        rows.sort(key=newest_first, reverse=True)
        if g.after:
            rows = [r for r in rows if newest_first(r) < g.after]
        page = rows[: g.limit]
        g.next_url = None
        if len(rows) > g.limit:
            cursor = codec.dump(page[-1]["created"], page[-1]["id"], g.status, g.created_after)
            g.next_url = url_for("payments", limit=g.limit, cursor=cursor)
        return {"items": page, "next": g.next_url}

    @app.route("/payments", methods=["POST"], endpoint="create_payment")
    @idempotent
    def create_payment():
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return {"error": "a JSON object is required"}, 400, {}
        try:
            order = NewPayment.model_validate(data)
        except ValidationError as exc:
            return {"error": exc.errors(include_url=False, include_context=False, include_input=False)}, 422, {}
        payment = app.config["STORE"].create(order.amount, order.currency, order.description, app.config["CLOCK"]())
        return payment, 201, {"Location": url_for("payment", payment_id=payment["id"])}

    @app.route("/payments/<payment_id>", endpoint="payment")
    def payment(payment_id):
        found = app.config["STORE"].get(payment_id)
        if found is None:
            abort(404)
        return found

    return app

"""A correct app with MethodView classes, an itsdangerous-signed cursor that carries the filters
and the limit (the next link holds only the cursor, as an absolute URL), a next link on every
full page (so an empty last page can follow), 422 for invalid bodies and conflicts, and request
fingerprints as SHA-256 of canonical JSON kept in app.extensions.

expect: full marks
"""
# %% your_app
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

import hashlib

from flask.views import MethodView
from itsdangerous import BadSignature, URLSafeSerializer


def instant(text):
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.utcoffset() is None:
        return None
    return moment.astimezone(timezone.utc)


class PaymentList(MethodView):
    def __init__(self, store, clock, records):
        self.store, self.clock, self.records = store, clock, records

    def query_filters(self):
        status = request.args.get("status")
        if status is not None and status not in ("pending", "succeeded", "failed"):
            abort(400)
        after = request.args.get("created_after")
        if after is not None:
            moment = instant(after)
            if moment is None:
                abort(400)
            after = moment.isoformat()
        return {"status": status, "after": after}

    def get(self):
        signer = URLSafeSerializer("tillpoint-cursor", salt="payments")
        filters = self.query_filters()
        raw_limit = request.args.get("limit", "10")
        if not raw_limit.isascii() or not raw_limit.isdigit() or int(raw_limit) == 0:
            abort(400)
        limit = min(int(raw_limit), 50)
        token = request.args.get("cursor")
        last = None
        if token is not None:
            try:
                state = signer.loads(token)
            except BadSignature:
                abort(400)
            for arg, name in (("status", "status"), ("created_after", "after")):
                if arg in request.args and filters[name] != state["filters"][name]:
                    abort(400)
            filters = state["filters"]
            if "limit" not in request.args:
                limit = state["limit"]
            last = tuple(state["last"])
        rows = [
            p for p in self.store.all()
            if (filters["status"] is None or p["status"] == filters["status"])
            and (filters["after"] is None or instant(p["created"]) > datetime.fromisoformat(filters["after"]))
        ]
        rows.sort(key=lambda p: (p["created"], p["id"]), reverse=True)
        if last is not None:
            rows = [p for p in rows if (p["created"], p["id"]) < last]
        page = rows[:limit]
        next_url = None
        if len(page) == limit and page:
            state = {"filters": filters, "limit": limit, "last": [page[-1]["created"], page[-1]["id"]]}
            next_url = url_for("payments", cursor=signer.dumps(state), _external=True)
        response = jsonify(items=page, next=next_url)
        if next_url:
            response.headers.add("Link", f'<{next_url}>; rel="next"')
        return response

    def post(self):
        data = request.get_json(silent=True)
        client, key = request.headers.get("X-Client-Id"), request.headers.get("Idempotency-Key")
        fingerprint = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        if key is not None and (client, key) in self.records:
            saved = self.records[(client, key)]
            if saved["fingerprint"] != fingerprint:
                return {"error": "Idempotency-Key reused with a different request"}, 422
            return saved["body"], saved["status"], {"Location": saved["location"]}
        if not isinstance(data, dict):
            return {"error": "JSON object expected"}, 422
        amount, currency = data.get("amount"), data.get("currency")
        description = data.get("description")
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            return {"error": "bad amount"}, 422
        if currency not in ("EUR", "USD", "GBP") or not (description is None or isinstance(description, str)):
            return {"error": "bad currency or description"}, 422
        payment = self.store.create(amount, currency, description, self.clock())
        location = url_for("payment", payment_id=payment["id"], _external=True)
        if key is not None:
            self.records[(client, key)] = {"fingerprint": fingerprint, "body": payment, "status": 201, "location": location}
        return payment, 201, {"Location": location}


class PaymentDetail(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self, payment_id):
        payment = self.store.get(payment_id)
        return payment if payment else ({"error": "not found"}, 404)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STORE"] = PaymentStore(SEED_PAYMENTS)
    app.config["CLOCK"] = utc_now
    app.config.update(test_config or {})
    app.extensions["idempotency"] = {}
    app.add_url_rule("/payments", view_func=PaymentList.as_view(
        "payments", app.config["STORE"], app.config["CLOCK"], app.extensions["idempotency"]))
    app.add_url_rule("/payments/<payment_id>", view_func=PaymentDetail.as_view("payment", app.config["STORE"]))
    return app

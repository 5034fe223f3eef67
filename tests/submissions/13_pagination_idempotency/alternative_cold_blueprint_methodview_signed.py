"""Blueprint + MethodView classes; itsdangerous-signed cursor; filters repeated as query parameters in an absolute next URL and must match the cursor; records in app.extensions, canonical-JSON fingerprint, stored raw response bytes replayed; 422 on key reuse.

expect: full marks
"""
# %% your_app
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

import os

from flask import Blueprint, current_app
from flask.views import MethodView
from itsdangerous import BadData, URLSafeSerializer

VALID_STATUSES = {"pending", "succeeded", "failed"}
VALID_CURRENCIES = {"EUR", "USD", "GBP"}
DEFAULT_LIMIT, MAX_LIMIT = 10, 50


def _signer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="payments-cursor")


def _limit():
    raw = request.args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        abort(400, description="limit: a whole number of at least 1")
    return min(int(raw), MAX_LIMIT)


def _filters():
    """The listing's filters, normalised: {'status': str|None, 'created_after': UTC ISO str|None}."""
    status = request.args.get("status")
    if status is not None and status not in VALID_STATUSES:
        abort(400, description="status: pending, succeeded or failed")
    created_after = request.args.get("created_after")
    if created_after is not None:
        try:
            instant = datetime.fromisoformat(created_after)
        except ValueError:
            abort(400, description="created_after: not an ISO 8601 date-time")
        if instant.utcoffset() is None:
            abort(400, description="created_after: a time zone is required")
        created_after = instant.astimezone(timezone.utc).isoformat()
    return {"status": status, "created_after": created_after}


def _sort_key(payment):
    return (datetime.strptime(payment["created"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc), payment["id"])


class PaymentList(MethodView):
    def get(self):
        limit = _limit()
        filters = _filters()
        after_position = None
        if "cursor" in request.args:
            try:
                data = _signer().loads(request.args["cursor"])
                created, payment_id, cursor_filters = data["created"], data["id"], data["filters"]
            except (BadData, KeyError, TypeError):
                abort(400, description="this cursor was not issued by this listing")
            if cursor_filters != filters:
                abort(400, description="this cursor belongs to a listing with other filters")
            after_position = (created, payment_id)

        payments = current_app.config["STORE"].all()
        if filters["status"] is not None:
            payments = [p for p in payments if p["status"] == filters["status"]]
        if filters["created_after"] is not None:
            since = datetime.fromisoformat(filters["created_after"])
            payments = [p for p in payments if _sort_key(p)[0] > since]
        payments = sorted(payments, key=_sort_key, reverse=True)
        if after_position is not None:
            payments = [p for p in payments if (p["created"], p["id"]) < after_position]

        page, more = payments[:limit], len(payments) > limit
        body = {"items": page, "next": None}
        headers = {}
        if more:
            cursor = _signer().dumps({"created": page[-1]["created"], "id": page[-1]["id"], "filters": filters})
            query = {k: v for k, v in filters.items() if v is not None}
            body["next"] = url_for("payments.list", limit=limit, cursor=cursor, _external=True, **query)
            headers["Link"] = f'<{body["next"]}>; rel="next"'
        return jsonify(body), 200, headers

    def post(self):
        payload = request.get_json(silent=True)
        records = current_app.extensions["idempotency"]
        key = request.headers.get("Idempotency-Key")
        record_id = (request.headers.get("X-Client-Id", ""), key)
        fingerprint = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        if key is not None:
            seen = records.get(record_id)
            if seen is not None:
                if seen["fingerprint"] != fingerprint:
                    return jsonify(error="Idempotency-Key reused with a different request body"), 422
                return current_app.response_class(seen["body"], status=seen["status"],
                                                  headers={"Location": seen["location"]},
                                                  mimetype="application/json")

        problems = []
        if not isinstance(payload, dict):
            return jsonify(error="expected a JSON object"), 400
        amount = payload.get("amount")
        if type(amount) is not int or amount < 1:
            problems.append("amount: a whole number of cents, at least 1")
        if payload.get("currency") not in VALID_CURRENCIES:
            problems.append("currency: EUR, USD or GBP")
        if "description" in payload and not isinstance(payload["description"], str):
            problems.append("description: a string")
        if problems:
            return jsonify(errors=problems), 422

        payment = current_app.config["STORE"].create(
            amount, payload["currency"], payload.get("description"), current_app.config["CLOCK"]()
        )
        response = jsonify(payment)
        response.status_code = 201
        response.headers["Location"] = url_for("payments.detail", payment_id=payment["id"])
        if key is not None:
            records[record_id] = {
                "fingerprint": fingerprint,
                "status": response.status_code,
                "body": response.get_data(),
                "location": response.headers["Location"],
            }
        return response


class PaymentDetail(MethodView):
    def get(self, payment_id):
        payment = current_app.config["STORE"].get(payment_id)
        if payment is None:
            abort(404, description=f"no payment {payment_id}")
        return jsonify(payment)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["STORE"] = PaymentStore(SEED_PAYMENTS)
    app.config["CLOCK"] = utc_now
    app.config["SECRET_KEY"] = os.urandom(32)
    if test_config:
        app.config.update(test_config)
    app.extensions["idempotency"] = {}

    bp = Blueprint("payments", __name__)
    bp.add_url_rule("/payments", view_func=PaymentList.as_view("list"))
    bp.add_url_rule("/payments/<payment_id>", view_func=PaymentDetail.as_view("detail"))
    app.register_blueprint(bp)

    @app.errorhandler(400)
    @app.errorhandler(404)
    def json_error(error):
        return jsonify(error=error.description), error.code

    return app

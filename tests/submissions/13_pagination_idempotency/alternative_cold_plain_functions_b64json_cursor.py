"""Plain view functions inside the factory; cursor = unsigned urlsafe base64 JSON of (created, id, filters); filters travel only in the cursor; idempotency dict compares parsed JSON.

expect: full marks
"""
# %% your_app
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

STATUSES = ("pending", "succeeded", "failed")
CURRENCIES = ("EUR", "USD", "GBP")
CREATED_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
ID_RE = re.compile(r"pay_\d{4}")


def parse_limit(raw):
    if raw is None:
        return 10
    if not re.fullmatch(r"[0-9]+", raw):
        abort(400, description="limit must be a whole number of at least 1")
    value = int(raw)
    if value < 1:
        abort(400, description="limit must be a whole number of at least 1")
    return min(value, 50)


def parse_status(raw):
    if raw is None:
        return None
    if raw not in STATUSES:
        abort(400, description="status must be pending, succeeded or failed")
    return raw


def parse_created_after(raw):
    """The instant in UTC, written like the store writes `created`, or None."""
    if raw is None:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        abort(400, description="created_after must be an ISO 8601 date-time with a time zone")
    if moment.tzinfo is None or moment.utcoffset() is None:
        abort(400, description="created_after needs a time zone")
    return moment.astimezone(timezone.utc).isoformat()


def encode_cursor(data):
    return base64.urlsafe_b64encode(json.dumps(data, sort_keys=True).encode()).decode().rstrip("=")


def decode_cursor(raw):
    try:
        padded = raw + "=" * (-len(raw) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"))
    except (ValueError, binascii.Error, UnicodeError):
        abort(400, description="invalid cursor")
    if (not isinstance(data, dict) or set(data) != {"created", "id", "status", "created_after"}
            or not isinstance(data["created"], str) or not CREATED_RE.fullmatch(data["created"])
            or not isinstance(data["id"], str) or not ID_RE.fullmatch(data["id"])
            or data["status"] not in (None, *STATUSES)
            or not (data["created_after"] is None or isinstance(data["created_after"], str))):
        abort(400, description="invalid cursor")
    if data["created_after"] is not None:
        try:
            moment = datetime.fromisoformat(data["created_after"])
        except ValueError:
            abort(400, description="invalid cursor")
        if moment.tzinfo is None:
            abort(400, description="invalid cursor")
    return data


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STORE=PaymentStore(SEED_PAYMENTS), CLOCK=utc_now)
    if test_config is not None:
        app.config.update(test_config)

    idempotency_records = {}

    @app.get("/payments")
    def list_payments():
        limit = parse_limit(request.args.get("limit"))
        status = parse_status(request.args.get("status"))
        created_after = parse_created_after(request.args.get("created_after"))
        raw_cursor = request.args.get("cursor")
        position = None
        if raw_cursor is not None:
            cursor = decode_cursor(raw_cursor)
            # The filters travel in the cursor; one sent along must be the listing's own.
            if "status" in request.args and status != cursor["status"]:
                abort(400, description="this cursor belongs to another status filter")
            if "created_after" in request.args and created_after != cursor["created_after"]:
                abort(400, description="this cursor belongs to another created_after filter")
            status, created_after = cursor["status"], cursor["created_after"]
            position = (cursor["created"], cursor["id"])

        after = datetime.fromisoformat(created_after) if created_after else None
        rows = [
            p for p in app.config["STORE"].all()
            if (status is None or p["status"] == status)
            and (after is None or datetime.fromisoformat(p["created"]) > after)
        ]
        rows.sort(key=lambda p: (p["created"], p["id"]), reverse=True)
        if position is not None:
            rows = [p for p in rows if (p["created"], p["id"]) < position]

        page = rows[:limit]
        next_url = None
        if len(rows) > limit:
            last = page[-1]
            cursor = encode_cursor({"created": last["created"], "id": last["id"],
                                    "status": status, "created_after": created_after})
            next_url = url_for("list_payments", limit=limit, cursor=cursor)
        response = jsonify(items=page, next=next_url)
        if next_url is not None:
            response.headers["Link"] = f'<{next_url}>; rel="next"'
        return response

    @app.get("/payments/<payment_id>")
    def get_payment(payment_id):
        payment = app.config["STORE"].get(payment_id)
        if payment is None:
            abort(404)
        return jsonify(payment)

    @app.post("/payments")
    def create_payment():
        body = request.get_json(silent=True)
        key = request.headers.get("Idempotency-Key")
        record_key = (request.headers.get("X-Client-Id"), key)
        if key is not None and record_key in idempotency_records:
            record = idempotency_records[record_key]
            if record["request"] != body:
                return jsonify(error="this Idempotency-Key was used with another body"), 409
            return jsonify(record["body"]), record["status"], {"Location": record["location"]}

        if not isinstance(body, dict):
            return jsonify(error="the body must be a JSON object"), 400
        amount = body.get("amount")
        currency = body.get("currency")
        description = body.get("description")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount < 1:
            return jsonify(error="amount must be a whole number of cents, at least 1"), 422
        if currency not in CURRENCIES:
            return jsonify(error="currency must be EUR, USD or GBP"), 422
        if "description" in body and not isinstance(description, str):
            return jsonify(error="description must be a string"), 422

        payment = app.config["STORE"].create(amount, currency, description, app.config["CLOCK"]())
        location = url_for("get_payment", payment_id=payment["id"])
        if key is not None:
            idempotency_records[record_key] = {
                "request": body, "status": 201, "body": payment, "location": location,
            }
        return jsonify(payment), 201, {"Location": location}

    return app

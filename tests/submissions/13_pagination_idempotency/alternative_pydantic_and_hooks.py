"""A correct app with pydantic models for the query and the body (422 for invalid bodies), a
cursor that is urlsafe base64 of JSON holding the position and the filters, the Link header
with rel="next" listed after another rel, and idempotency in before_request/after_request hooks.

expect: full marks
"""
# %% your_app
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

from typing import Literal, Optional

from flask import g
from pydantic import AwareDatetime, Field, StrictInt, StrictStr, ValidationError, create_model


# create_model rather than annotated classes: the same models, built from (type, default) pairs.
ListQuery = create_model(
    "ListQuery",
    status=(Optional[Literal["pending", "succeeded", "failed"]], None),
    created_after=(Optional[AwareDatetime], None),
)
NewPayment = create_model(
    "NewPayment",
    amount=(StrictInt, Field(ge=1)),
    currency=(Literal["EUR", "USD", "GBP"], ...),
    description=(Optional[StrictStr], None),
)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"STORE": PaymentStore(SEED_PAYMENTS), "CLOCK": utc_now, **(test_config or {})})
    seen = {}

    def parse_query():
        raw_limit = request.args.get("limit")
        if raw_limit is None:
            limit = 10
        elif re.fullmatch("[1-9][0-9]*", raw_limit):
            limit = min(int(raw_limit), 50)
        else:
            abort(400)
        try:
            query = ListQuery.model_validate({k: v for k, v in request.args.items() if k in ("status", "created_after")})
        except ValidationError:
            abort(400)
        if "created_after" in request.args and not re.match(r"\d{4}-\d{2}-\d{2}T", request.args["created_after"]):
            abort(400)
        return limit, query

    @app.route("/payments", methods=["GET"])
    def index():
        limit, query = parse_query()
        key = [query.status, query.created_after.timestamp() if query.created_after else None]
        rows = sorted(app.config["STORE"].all(), key=lambda p: (p["created"], p["id"]), reverse=True)
        rows = [r for r in rows if query.status in (None, r["status"])]
        if query.created_after:
            rows = [r for r in rows if datetime.fromisoformat(r["created"]) > query.created_after]
        if "cursor" in request.args:
            try:
                decoded = json.loads(base64.urlsafe_b64decode(request.args["cursor"].encode("ascii")))
                after_key, filters = (decoded["c"], decoded["i"]), decoded["f"]
                assert isinstance(after_key[0], str) and isinstance(after_key[1], str)
            except Exception:
                abort(400)
            if filters != key:
                abort(400)
            rows = [r for r in rows if (r["created"], r["id"]) < after_key]
        body = {"items": rows[:limit], "next": None}
        response = jsonify(body)
        if len(rows) > limit:
            last = rows[limit - 1]
            cursor = base64.urlsafe_b64encode(json.dumps({"c": last["created"], "i": last["id"], "f": key}).encode()).decode()
            params = {k: v for k, v in request.args.items() if k != "cursor"}
            body["next"] = url_for("index", _external=True, **params, cursor=cursor)
            response = jsonify(body)
            response.headers["Link"] = f'<{url_for("index", _external=True)}>; rel="first", <{body["next"]}>; rel="next"'
        return response

    @app.route("/payments/<payment_id>")
    def show(payment_id):
        return app.config["STORE"].get(payment_id) or abort(404)

    @app.before_request
    def replay():
        if request.method != "POST" or request.endpoint != "create":
            return None
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return None
        g.slot = (request.headers.get("X-Client-Id"), key)
        g.sent = request.get_json(silent=True)
        if g.slot in seen:
            sent, status, body, location = seen[g.slot]
            if sent != g.sent:
                return {"error": "conflict"}, 409
            return app.response_class(body, status, mimetype="application/json", headers={"Location": location})
        return None

    @app.after_request
    def remember(response):
        if request.endpoint == "create" and "slot" in g and g.slot not in seen and response.status_code == 201:
            seen[g.slot] = (g.sent, response.status_code, response.get_data(), response.headers["Location"])
        return response

    @app.route("/payments", methods=["POST"])
    def create():
        try:
            new = NewPayment.model_validate(request.get_json(silent=True))
        except ValidationError as error:
            return {"errors": error.errors(include_url=False, include_context=False, include_input=False)}, 422
        payment = app.config["STORE"].create(new.amount, new.currency, new.description, app.config["CLOCK"]())
        return payment, 201, {"Location": url_for("show", payment_id=payment["id"])}

    return app

"""Looks a parcel up by position (PARCELS[id - 1]) instead of by its id. Breaks task 1:
"GET /v1/parcels/<id> answers 200 with that parcel, or 404" (ids need not be 1..n).

expect: task1_hidden, task2_hidden
"""
# %% your_app
import re

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from werkzeug.http import http_date


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    eta = parcel.get("eta")
    return {
        "id": parcel["id"],
        "recipient": parcel["recipient"],
        "status": parcel["status"],
        "eta": eta.isoformat() if eta is not None else None,
    }


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    eta = parcel.get("eta")
    return {
        "id": parcel["id"],
        "recipient": parcel["recipient"],
        "status": parcel["status"],
        "estimated_delivery": eta.isoformat() if eta is not None else None,
    }


# Shared look-ups: both versions read the same parcels the same way.
def all_parcels():
    return list(current_app.config["PARCELS"])


def find_parcel(parcel_id):
    parcels = current_app.config["PARCELS"]
    if parcel_id.isdigit() and 1 <= int(parcel_id) <= len(parcels):
        return parcels[int(parcel_id) - 1]
    return None


NOT_FOUND = ({"error": "parcel not found"}, 404)
_WHOLE = re.compile(r"[0-9]+")


def _int_arg(name, default, low, high=None):
    raw = request.args.get(name)
    if raw is None:
        return default
    if not _WHOLE.fullmatch(raw):
        abort(400, f"{name} must be a whole number")
    value = int(raw)
    if value < low or (high is not None and value > high):
        abort(400, f"{name} out of range")
    return value


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    app.config.from_mapping(
        PARCELS=SEED_PARCELS,
        V1_DEPRECATED_AT=V1_DEPRECATED_AT,
        V1_SUNSET_AT=V1_SUNSET_AT,
        V1_MIGRATION_GUIDE=V1_MIGRATION_GUIDE,
    )
    if test_config is not None:
        app.config.update(test_config)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    v1 = Blueprint("v1", __name__, url_prefix="/v1")

    @v1.get("/parcels")
    def v1_list():
        return jsonify([v1_parcel(p) for p in all_parcels()])

    @v1.get("/parcels/<parcel_id>")
    def v1_detail(parcel_id):
        parcel = find_parcel(parcel_id)
        return v1_parcel(parcel) if parcel is not None else NOT_FOUND

    v2 = Blueprint("v2", __name__, url_prefix="/v2")

    @v2.get("/parcels")
    def v2_list():
        page = _int_arg("page", 1, 1)
        per_page = _int_arg("per_page", 10, 1, 50)
        parcels = all_parcels()
        start = (page - 1) * per_page
        return {
            "items": [v2_parcel(p) for p in parcels[start:start + per_page]],
            "page": page,
            "per_page": per_page,
            "total": len(parcels),
        }

    @v2.get("/parcels/<parcel_id>")
    def v2_detail(parcel_id):
        parcel = find_parcel(parcel_id)
        return v2_parcel(parcel) if parcel is not None else NOT_FOUND

    @v2.errorhandler(400)
    def v2_bad_request(error):
        return {"error": error.description}, 400

    app.register_blueprint(v1)
    app.register_blueprint(v2)

    counts = {"v1": 0, "v2": 0}
    app.extensions["api_request_counts"] = counts

    @app.before_request
    def count_request():
        for version in counts:
            if request.path.startswith(f"/{version}/"):
                counts[version] += 1

    @app.after_request
    def deprecate_v1(response):
        if request.path.startswith("/v1/"):
            cfg = current_app.config
            response.headers["Deprecation"] = f"@{int(cfg['V1_DEPRECATED_AT'].timestamp())}"
            response.headers["Sunset"] = http_date(cfg["V1_SUNSET_AT"])
            response.headers.add("Link", f'<{cfg["V1_MIGRATION_GUIDE"]}>; rel="deprecation"')
        return response

    @app.get("/metrics")
    def metrics():
        lines = [
            "# HELP api_requests_total Requests per API version.",
            "# TYPE api_requests_total counter",
        ]
        lines += [f'api_requests_total{{version="{v}"}} {n}' for v, n in counts.items()]
        return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; charset=utf-8"}

    return app

"""A correct app with two module-level blueprints over shared service functions, a pydantic
model for the page arguments (refused with 422), the v1 headers in an after_app_request hook of
the v1 blueprint, the counts from Flask's request_started signal in a Counter, and two Link headers.

expect: full marks
"""
# %% your_app
from collections import Counter

from flask import Blueprint, Flask, current_app, jsonify, request, request_started
from pydantic import BaseModel, Field, ValidationError
from werkzeug.http import http_date


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    return {key: parcel[key] for key in ("id", "recipient", "status")} | {
        "eta": parcel["eta"] and parcel["eta"].isoformat()
    }


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    return {key: parcel[key] for key in ("id", "recipient", "status")} | {
        "estimated_delivery": parcel["eta"] and parcel["eta"].isoformat()
    }


# service functions: both versions call these
def list_parcels():
    return current_app.config["PARCELS"]


def get_parcel(parcel_id):
    return next(iter(p for p in list_parcels() if p["id"] == parcel_id), None)


class PageArgs(BaseModel):
    page: int = Field(1, ge=1)
    per_page: int = Field(10, ge=1, le=50)


v1_bp = Blueprint("v1", __name__, url_prefix="/v1")
v2_bp = Blueprint("v2", __name__, url_prefix="/v2")


@v1_bp.get("/parcels")
def v1_parcels():
    return jsonify(list(map(v1_parcel, list_parcels())))


@v1_bp.get("/parcels/<int:parcel_id>")
def v1_parcel_view(parcel_id):
    parcel = get_parcel(parcel_id)
    if not parcel:
        return {"error": "parcel not found"}, 404
    return v1_parcel(parcel)


@v1_bp.after_app_request
def deprecation_headers(response):
    if request.path.startswith("/v1/"):
        config = current_app.config
        response.headers["Deprecation"] = "@{}".format(round(config["V1_DEPRECATED_AT"].timestamp()))
        response.headers["Sunset"] = http_date(config["V1_SUNSET_AT"])
        response.headers.add("Link", "<{}>;rel=\"sunset\"".format(config["V1_MIGRATION_GUIDE"]))
        response.headers.add("Link", "<{}>;rel=\"deprecation\"".format(config["V1_MIGRATION_GUIDE"]))
    return response


@v2_bp.get("/parcels")
def v2_parcels():
    try:
        args = PageArgs.model_validate(request.args.to_dict())
    except ValidationError as error:
        return {"error": "invalid query", "fields": [e["loc"][0] for e in error.errors()]}, 422
    everything = list_parcels()
    offset = (args.page - 1) * args.per_page
    return {
        "items": [v2_parcel(p) for p in everything[offset:offset + args.per_page]],
        "total": len(everything),
        **args.model_dump(),
    }


@v2_bp.get("/parcels/<int:parcel_id>")
def v2_parcel_view(parcel_id):
    parcel = get_parcel(parcel_id)
    return v2_parcel(parcel) if parcel else ({"error": "parcel not found"}, 404)


def count_version(sender, **extra):
    for version in ("v1", "v2"):
        if request.path.startswith(f"/{version}/"):
            sender.extensions["version_counts"][version] += 1


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    app.config.from_mapping(
        {"PARCELS": SEED_PARCELS, "V1_DEPRECATED_AT": V1_DEPRECATED_AT, "V1_SUNSET_AT": V1_SUNSET_AT,
         "V1_MIGRATION_GUIDE": V1_MIGRATION_GUIDE},
        **(test_config or {}),
    )
    app.extensions["version_counts"] = Counter(v1=0, v2=0)
    app.register_blueprint(v1_bp)
    app.register_blueprint(v2_bp)
    request_started.connect(count_version, app)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/metrics")
    def metrics():
        counts = app.extensions["version_counts"]
        lines = [f'api_requests_total{{version="{v}"}} {counts[v]}' for v in ("v1", "v2")]
        return "\n".join(lines), 200, {"Content-Type": "text/plain"}

    return app

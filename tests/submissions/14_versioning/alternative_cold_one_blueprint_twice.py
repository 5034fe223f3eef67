"""One module-level blueprint registered twice (name= and url_prefix=), the
representation chosen by request.blueprint; config from a defaults class;
counts in teardown_request; headers with email.utils and calendar.timegm.

expect: full marks
"""
# %% your_app
import calendar
import email.utils
from datetime import timezone

from flask import Blueprint, Flask, current_app, jsonify, request


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    return {
        "id": parcel["id"],
        "recipient": parcel["recipient"],
        "status": parcel["status"],
        "eta": None if parcel["eta"] is None else parcel["eta"].strftime("%Y-%m-%d"),
    }


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    shown = v1_parcel(parcel)
    shown["estimated_delivery"] = shown.pop("eta")
    return shown


REPRESENTATIONS = {"v1": v1_parcel, "v2": v2_parcel}


class Defaults:
    PARCELS = SEED_PARCELS
    V1_DEPRECATED_AT = V1_DEPRECATED_AT
    V1_SUNSET_AT = V1_SUNSET_AT
    V1_MIGRATION_GUIDE = V1_MIGRATION_GUIDE


class BadQuery(Exception):
    pass


def parcel_by_id(parcel_id):
    return next((p for p in current_app.config["PARCELS"] if p["id"] == parcel_id), None)


def query_number(name, default, maximum=None):
    raw = request.args.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()):
        raise BadQuery(f"{name} must be a positive whole number")
    number = int(raw)
    if number < 1 or (maximum is not None and number > maximum):
        raise BadQuery(f"{name} must be between 1 and {maximum or 'infinity'}")
    return number


api = Blueprint("api", __name__)


@api.route("/parcels")
def list_parcels():
    show = REPRESENTATIONS[request.blueprint]
    parcels = current_app.config["PARCELS"]
    if request.blueprint == "v1":
        return jsonify([show(p) for p in parcels])
    page = query_number("page", 1)
    per_page = query_number("per_page", 10, maximum=50)
    first = (page - 1) * per_page
    return jsonify(items=[show(p) for p in parcels[first:first + per_page]],
                   page=page, per_page=per_page, total=len(parcels))


@api.route("/parcels/<int:parcel_id>")
def get_parcel(parcel_id):
    parcel = parcel_by_id(parcel_id)
    if parcel is None:
        return jsonify(error="parcel not found"), 404
    return jsonify(REPRESENTATIONS[request.blueprint](parcel))


@api.errorhandler(BadQuery)
def bad_query(exc):
    return jsonify(error=str(exc)), 400


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    app.config.from_object(Defaults)
    if test_config:
        app.config.from_mapping(test_config)

    app.register_blueprint(api, url_prefix="/v1", name="v1")
    app.register_blueprint(api, url_prefix="/v2", name="v2")
    app.extensions["requests_per_version"] = dict.fromkeys(("v1", "v2"), 0)

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/metrics")
    def metrics():
        counts = app.extensions["requests_per_version"]
        body = "".join(f'api_requests_total{{version="{v}"}} {counts[v]}\n' for v in ("v1", "v2"))
        return app.response_class(body, mimetype="text/plain")

    @app.teardown_request
    def count(_exc):
        version = request.path.split("/")[1] if request.path.count("/") >= 2 else None
        if version in app.extensions["requests_per_version"]:
            app.extensions["requests_per_version"][version] += 1

    @app.after_request
    def v1_headers(response):
        if request.path.startswith("/v1/"):
            deprecated = app.config["V1_DEPRECATED_AT"]
            sunset = app.config["V1_SUNSET_AT"].astimezone(timezone.utc)
            response.headers["Deprecation"] = "@%d" % calendar.timegm(deprecated.utctimetuple())
            response.headers["Sunset"] = email.utils.format_datetime(sunset, usegmt=True)
            response.headers["Link"] = '<%s>; rel="deprecation"' % app.config["V1_MIGRATION_GUIDE"]
        return response

    return app

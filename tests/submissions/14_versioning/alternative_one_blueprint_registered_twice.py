"""A correct app with one module-level blueprint registered twice (url_prefix and name), views
that pick the representation from request.blueprint, int() with ValueError for the page
arguments, email.utils.format_datetime for Sunset, and the counts in app.extensions.

expect: full marks
"""
# %% your_app
from datetime import timezone
from email.utils import format_datetime

from flask import Blueprint, Flask, abort, current_app, jsonify, request


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

api = Blueprint("api", __name__)


def lookup(parcel_id):
    for parcel in current_app.config["PARCELS"]:
        if parcel["id"] == parcel_id:
            return parcel
    abort(404)


def int_arg(name, default, low, high):
    value = request.args.get(name, default)
    try:
        number = int(value)
    except ValueError:
        abort(400)
    if number < low or number > high:
        abort(400)
    return number


@api.errorhandler(404)
def missing(error):
    return jsonify(error="parcel not found"), 404


@api.errorhandler(400)
def bad(error):
    return jsonify(error="invalid page or per_page"), 400


@api.route("/parcels")
def parcels():
    show = REPRESENTATIONS[request.blueprint]
    everything = current_app.config["PARCELS"]
    if request.blueprint == "v1":
        return jsonify([show(p) for p in everything])
    page = int_arg("page", 1, 1, 1_000_000)
    per_page = int_arg("per_page", 10, 1, 50)
    chunk = everything[(page - 1) * per_page: page * per_page]
    return jsonify(items=[show(p) for p in chunk], page=page, per_page=per_page, total=len(everything))


@api.route("/parcels/<int:parcel_id>")
def parcel(parcel_id):
    return jsonify(REPRESENTATIONS[request.blueprint](lookup(parcel_id)))


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    app.config["PARCELS"] = SEED_PARCELS
    app.config["V1_DEPRECATED_AT"] = V1_DEPRECATED_AT
    app.config["V1_SUNSET_AT"] = V1_SUNSET_AT
    app.config["V1_MIGRATION_GUIDE"] = V1_MIGRATION_GUIDE
    app.config.update(test_config or {})
    app.register_blueprint(api, url_prefix="/v1", name="v1")
    app.register_blueprint(api, url_prefix="/v2", name="v2")
    app.extensions["version_counts"] = {"v1": 0, "v2": 0}

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    def version():
        first = request.path.split("/")[1]
        if first in ("v1", "v2") and request.path.startswith(f"/{first}/"):
            return first
        return None

    @app.before_request
    def count():
        if version():
            app.extensions["version_counts"][version()] += 1

    @app.after_request
    def sunset_headers(response):
        if version() == "v1":
            cfg = app.config
            response.headers["Deprecation"] = "@%d" % cfg["V1_DEPRECATED_AT"].timestamp()
            response.headers["Sunset"] = format_datetime(cfg["V1_SUNSET_AT"].astimezone(timezone.utc), usegmt=True)
            response.headers["Link"] = "<%s>; rel=deprecation" % cfg["V1_MIGRATION_GUIDE"]
        return response

    @app.route("/metrics")
    def metrics():
        body = "".join(
            f'api_requests_total{{version="{name}"}} {total}\n'
            for name, total in app.extensions["version_counts"].items()
        )
        return app.response_class(body, mimetype="text/plain")

    return app

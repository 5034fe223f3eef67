"""A blueprint of MethodView classes, security headers and hand-written CORS in after_app_request hooks, own 204 preflight answers from a before_request hook, and a per-app Limiter applied to the views with limit strings read from config at request time and OPTIONS filtered out.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, current_app, jsonify, request, make_response
from flask.views import MethodView
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

CORS_METHODS = ("GET", "POST", "DELETE")
CORS_HEADERS = ("Content-Type", "Authorization")


def _allowed_origin():
    """The request's Origin when it is exactly one of the configured ones, else None."""
    origin = request.headers.get("Origin")
    if origin and origin in current_app.config["CORS_ORIGINS"]:
        return origin
    return None


def _is_preflight():
    return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults."""
    app = Flask(__name__)
    app.config["SAILINGS"] = SEED_SAILINGS
    app.config["HSTS_MAX_AGE"] = 31536000
    app.config["CORS_ORIGINS"] = FRONT_ENDS
    app.config["BOOKING_RATE_LIMIT"] = "5 per minute"
    app.config["SAILINGS_RATE_LIMIT"] = "30 per minute"
    if test_config:
        app.config.update(test_config)

    limiter = Limiter(
        key_func=get_remote_address,
        storage_uri="memory://",
        headers_enabled=True,
    )

    @limiter.request_filter
    def _skip_preflights():
        return request.method == "OPTIONS"

    api = Blueprint("api", __name__)
    bookings = {"next": 1}

    class SailingList(MethodView):
        decorators = [limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"])]

        def get(self):
            return jsonify(current_app.config["SAILINGS"])

    class BookingList(MethodView):
        decorators = [limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"])]

        def post(self):
            payload = request.get_json(silent=True) or {}
            number = bookings["next"]
            bookings["next"] += 1
            return {"id": number, "sailing": payload.get("sailing")}, 201

    class Booking(MethodView):
        def delete(self, booking_id):
            return "", 204

    api.add_url_rule("/sailings", view_func=SailingList.as_view("sailings"))
    api.add_url_rule("/bookings", view_func=BookingList.as_view("bookings"))
    api.add_url_rule("/bookings/<int:booking_id>", view_func=Booking.as_view("booking"))

    @api.before_app_request
    def answer_preflight():
        # A CORS preflight is answered here, before any view or limit runs.
        if _is_preflight():
            return make_response("", 204)
        return None

    @api.after_app_request
    def cors_headers(response):
        origin = _allowed_origin()
        response.vary.add("Origin")
        if origin is None:
            return response
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        if _is_preflight():
            wanted = request.headers.get("Access-Control-Request-Method", "").upper()
            if wanted in CORS_METHODS:
                response.headers["Access-Control-Allow-Methods"] = ", ".join(CORS_METHODS)
                asked = [h.strip() for h in request.headers.get("Access-Control-Request-Headers", "").split(",") if h.strip()]
                allowed = [h for h in asked if h.lower() in {x.lower() for x in CORS_HEADERS}]
                response.headers["Access-Control-Allow-Headers"] = ", ".join(allowed or CORS_HEADERS)
                response.headers["Access-Control-Max-Age"] = "600"
        return response

    @api.after_app_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Strict-Transport-Security"] = (
            "max-age=%d; includeSubDomains; preload" % current_app.config["HSTS_MAX_AGE"]
        )
        return response

    app.register_blueprint(api)
    limiter.init_app(app)
    return app

"""A correct app with CORS written by hand in after_request (204 preflights), X-Frame-Options
SAMEORIGIN instead of frame-ancestors, a CSP with more directives in another order, HSTS with
preload, limits read from the config by callables, and booking ids from itertools.count.

expect: full marks
"""
# %% your_app
import itertools

from flask import Flask, abort, current_app, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

ALLOWED_METHODS = {"GET", "POST", "DELETE"}
ALLOWED_HEADERS = "Content-Type, Authorization"
SECURITY = {
    "Content-Security-Policy": "base-uri 'none';  Default-Src 'none' ; form-action 'none'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "NOSNIFF",
}


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults."""
    app = Flask(__name__)
    app.config["SAILINGS"] = SEED_SAILINGS
    app.config["CORS_ORIGINS"] = FRONT_ENDS
    app.config["HSTS_MAX_AGE"] = 31536000
    app.config["BOOKING_RATE_LIMIT"] = "5 per minute"
    app.config["SAILINGS_RATE_LIMIT"] = "30 per minute"
    app.config.update(test_config or {})
    limiter = Limiter(key_func=get_remote_address, app=app, storage_uri="memory://", headers_enabled=True)
    next_id = itertools.count(1)

    @app.before_request
    def answer_preflight():
        if request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers:
            return current_app.response_class(status=204)
        return None

    @app.after_request
    def headers(response):
        response.headers.update(SECURITY)
        response.headers["Strict-Transport-Security"] = (
            "max-age=%d; includeSubDomains; preload" % current_app.config["HSTS_MAX_AGE"]
        )
        origin = request.headers.get("Origin")
        if origin is not None:
            response.vary.add("Origin")
        if origin not in current_app.config["CORS_ORIGINS"]:
            return response
        if request.method == "OPTIONS":
            wanted = request.headers.get("Access-Control-Request-Method", "").upper()
            if wanted not in ALLOWED_METHODS:
                return response
            response.headers["Access-Control-Allow-Methods"] = ", ".join(sorted(ALLOWED_METHODS))
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = "600"
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Allow-Credentials"] = "true"
        return response

    @app.route("/sailings", methods=["GET"])
    @limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"])
    def list_sailings():
        return jsonify(current_app.config["SAILINGS"])

    @app.route("/bookings", methods=["POST"])
    @limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"])
    def book():
        body = request.get_json(silent=True) or {}
        return jsonify(id=next(next_id), sailing=body.get("sailing")), 201

    @app.route("/bookings/<int:booking_id>", methods=["DELETE"])
    def cancel(booking_id):
        return current_app.response_class(status=204)

    return app

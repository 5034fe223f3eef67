"""Module-level CORS() and Limiter() objects bound to each new app with init_app, flask-cors configured entirely through CORS_* config keys, module-level views registered with add_url_rule, Retry-After as an HTTP date, X-Frame-Options instead of frame-ancestors.

expect: full marks
"""
# %% your_app
import itertools

from flask import Flask, abort, current_app, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

cors = CORS()
limiter = Limiter(
    get_remote_address,
    storage_uri="memory://",
    headers_enabled=True,
    retry_after="http-date",
)

DEFAULTS = {
    "SAILINGS": SEED_SAILINGS,
    "HSTS_MAX_AGE": 31536000,
    "CORS_ORIGINS": FRONT_ENDS,
    "BOOKING_RATE_LIMIT": "5 per minute",
    "SAILINGS_RATE_LIMIT": "30 per minute",
}

# flask-cors reads these keys from app.config when init_app runs.
CORS_SETTINGS = {
    "CORS_SUPPORTS_CREDENTIALS": True,
    "CORS_METHODS": ["GET", "POST", "DELETE"],
    "CORS_ALLOW_HEADERS": ["Content-Type", "Authorization"],
}


def booking_limit():
    return current_app.config["BOOKING_RATE_LIMIT"]


def sailings_limit():
    return current_app.config["SAILINGS_RATE_LIMIT"]


def is_options():
    return request.method == "OPTIONS"


@limiter.limit(sailings_limit, exempt_when=is_options)
def list_sailings():
    return jsonify(current_app.config["SAILINGS"])


@limiter.limit(booking_limit, exempt_when=is_options)
def create_booking():
    body = request.get_json(silent=True) or {}
    booking_id = next(current_app.extensions["harbour_booking_ids"])
    return jsonify(id=booking_id, sailing=body.get("sailing")), 201


def cancel_booking(booking_id):
    return "", 204


def add_security_headers(response):
    response.headers.update({
        "Content-Security-Policy": "default-src 'none'",
        "X-Frame-Options": "SAMEORIGIN",
        "X-Content-Type-Options": "nosniff",
        "Strict-Transport-Security": f"max-age={current_app.config['HSTS_MAX_AGE']}",
    })
    # The CORS answer depends on Origin, whatever the number of allowed origins.
    response.vary.add("Origin")
    return response


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults."""
    app = Flask(__name__)
    app.config.update(DEFAULTS)
    app.config.update(CORS_SETTINGS)
    if test_config is not None:
        app.config.update(test_config)
    app.extensions["harbour_booking_ids"] = itertools.count(1)

    app.add_url_rule("/sailings", view_func=list_sailings, methods=["GET"])
    app.add_url_rule("/bookings", view_func=create_booking, methods=["POST"])
    app.add_url_rule("/bookings/<int:booking_id>", view_func=cancel_booking, methods=["DELETE"])

    app.after_request(add_security_headers)
    cors.init_app(app)
    limiter.init_app(app)
    return app

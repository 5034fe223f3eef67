"""Security headers added by a decorator on each view plus an errorhandler(HTTPException), so Flask's automatic OPTIONS answer (which never reaches a view nor an error handler) has none; breaks task 2: "the answers to OPTIONS (Flask's automatic 200, or a 204 of your own) and HEAD requests" get the four headers.

expect: task2_hidden
"""
# %% your_app
import functools

from flask import Flask, abort, current_app, jsonify, request, make_response
from werkzeug.exceptions import HTTPException


def _set_security_headers(response):
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Strict-Transport-Security"] = (
        f"max-age={current_app.config['HSTS_MAX_AGE']}; includeSubDomains"
    )
    return response


def secure(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return _set_security_headers(make_response(view(*args, **kwargs)))
    return wrapper
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults.

    Task 1: the defaults, the three routes and the security headers;
    task 2: the headers on every response; task 3: CORS; task 4: rate limits.
    """
    app = Flask(__name__)
    app.config.from_mapping(
        SAILINGS=SEED_SAILINGS,
        HSTS_MAX_AGE=31536000,
        CORS_ORIGINS=FRONT_ENDS,
        BOOKING_RATE_LIMIT="5 per minute",
        SAILINGS_RATE_LIMIT="30 per minute",
    )
    if test_config is not None:
        app.config.update(test_config)

    # Task 3: CORS for the front ends only, with cookies.
    CORS(
        app,
        origins=list(app.config["CORS_ORIGINS"]),
        methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
        supports_credentials=True,
    )

    # Task 4: one limiter per app, counters in memory, keyed by the remote address.
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri="memory://",
        headers_enabled=True,
    )

    next_id = {"value": 1}

    @app.get("/sailings")
    @secure
    @limiter.limit(app.config["SAILINGS_RATE_LIMIT"], methods=["GET"])
    def list_sailings():
        return jsonify(current_app.config["SAILINGS"])

    @app.post("/bookings")
    @secure
    @limiter.limit(app.config["BOOKING_RATE_LIMIT"], methods=["POST"])
    def create_booking():
        data = request.get_json(silent=True) or {}
        booking = {"id": next_id["value"], "sailing": data.get("sailing")}
        next_id["value"] += 1
        return jsonify(booking), 201

    @app.delete("/bookings/<int:booking_id>")
    @secure
    def cancel_booking(booking_id):
        return "", 204

    # Task 2: every error page goes through this handler (404, 405, abort, 500).
    @app.errorhandler(HTTPException)
    def secure_errors(error):
        return _set_security_headers(error.get_response())

    return app

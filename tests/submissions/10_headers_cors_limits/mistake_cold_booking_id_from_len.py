"""Bookings kept in a dict, DELETE removes them and the new id is len(bookings)+1, so ids are reused after a delete; breaks task 1: "n counts 1, 2, 3, ... in each app".

expect: task1_hidden
"""
# %% your_app
from flask import Flask, abort, current_app, jsonify, request
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

    bookings = {}

    @app.get("/sailings")
    @limiter.limit(app.config["SAILINGS_RATE_LIMIT"], methods=["GET"])
    def list_sailings():
        return jsonify(current_app.config["SAILINGS"])

    @app.post("/bookings")
    @limiter.limit(app.config["BOOKING_RATE_LIMIT"], methods=["POST"])
    def create_booking():
        data = request.get_json(silent=True) or {}
        booking = {"id": len(bookings) + 1, "sailing": data.get("sailing")}
        bookings[booking["id"]] = booking
        return jsonify(booking), 201

    @app.delete("/bookings/<int:booking_id>")
    def cancel_booking(booking_id):
        bookings.pop(booking_id, None)
        return "", 204

    # Tasks 1 and 2: after_request runs for every response, errors included.
    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Strict-Transport-Security"] = (
            f"max-age={current_app.config['HSTS_MAX_AGE']}; includeSubDomains"
        )
        return response

    return app

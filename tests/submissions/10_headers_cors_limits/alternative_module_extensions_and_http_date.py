"""A correct app with module-level extensions (CORS() and Limiter() bound in create_app with
init_app, views decorated once at module level), Flask-Limiter configured through RATELIMIT_* settings with Retry-After as an
HTTP date, a JSON 429 of its own, and the headers in a function registered on the app.

expect: full marks
"""
# %% your_app
from flask import Flask, abort, current_app, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

cors = CORS()
limiter = Limiter(key_func=get_remote_address)


def harden(response):
    config = current_app.config
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Strict-Transport-Security"] = f'max-age="{config["HSTS_MAX_AGE"]}";includeSubDomains'
    return response


# The views live at module level, so each is decorated once (a decorator inside
# create_app would add the limit to the shared limiter again for every app).
@limiter.limit(lambda: current_app.config["SAILINGS_RATE_LIMIT"])
def sailings():
    return jsonify(current_app.config["SAILINGS"])


@limiter.limit(lambda: current_app.config["BOOKING_RATE_LIMIT"])
def bookings():
    made = current_app.extensions["bookings"]
    made.append((request.get_json(silent=True) or {}).get("sailing"))
    return jsonify(id=len(made), sailing=made[-1]), 201


def booking(booking_id):
    return "", 204


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults."""
    app = Flask(__name__)
    app.config.from_mapping(
        SAILINGS=SEED_SAILINGS,
        CORS_ORIGINS=FRONT_ENDS,
        HSTS_MAX_AGE=31536000,
        BOOKING_RATE_LIMIT="5 per minute",
        SAILINGS_RATE_LIMIT="30 per minute",
        RATELIMIT_STORAGE_URI="memory://",
        RATELIMIT_HEADERS_ENABLED=True,
        RATELIMIT_HEADER_RETRY_AFTER_VALUE="http-date",
    )
    app.config.from_mapping(test_config or {})
    app.after_request(harden)
    limiter.init_app(app)
    cors.init_app(app, origins=app.config["CORS_ORIGINS"], methods=["GET", "POST", "DELETE"],
                  allow_headers=["Content-Type", "Authorization"], supports_credentials=True)

    @app.errorhandler(429)
    def too_many(error):
        return jsonify(error="too many requests", limit=str(error.description)), 429

    app.extensions["bookings"] = []
    app.add_url_rule("/sailings", view_func=sailings, methods=["GET"])
    app.add_url_rule("/bookings", view_func=bookings, methods=["POST"])
    app.add_url_rule("/bookings/<int:booking_id>", view_func=booking, methods=["DELETE"])
    return app

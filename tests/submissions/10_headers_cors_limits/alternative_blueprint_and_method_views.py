"""A correct app built from a blueprint of MethodViews: the headers in the blueprint's
after_app_request, flask-cors configured through resources, frame protection by CSP
frame-ancestors only, limits wrapped around the views with methods= before registration.

expect: full marks
"""
# %% your_app
from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask.views import MethodView
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


class SailingsAPI(MethodView):
    def get(self):
        return jsonify(current_app.config["SAILINGS"])


class BookingsAPI(MethodView):
    def __init__(self, store):
        self.store = store

    def post(self):
        sailing = (request.get_json(silent=True) or {}).get("sailing")
        self.store.append(sailing)
        return {"id": len(self.store), "sailing": sailing}, 201


class BookingAPI(MethodView):
    def delete(self, booking_id):
        return "", 204


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults."""
    app = Flask(__name__)
    app.config.update(
        SAILINGS=SEED_SAILINGS, CORS_ORIGINS=FRONT_ENDS, HSTS_MAX_AGE=31536000,
        BOOKING_RATE_LIMIT="5 per minute", SAILINGS_RATE_LIMIT="30 per minute",
    )
    if test_config:
        app.config.update(test_config)

    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://", headers_enabled=True)
    api = Blueprint("api", __name__)

    @api.after_app_request
    def security_headers(response):
        response.headers.set("Content-Security-Policy", "frame-ancestors 'none'; default-src 'none'")
        response.headers.set("X-Content-Type-Options", "nosniff")
        response.headers.set("Strict-Transport-Security", f"max-age={current_app.config['HSTS_MAX_AGE']}")
        return response

    store = []
    sailings = limiter.limit(app.config["SAILINGS_RATE_LIMIT"], methods=["GET"])(SailingsAPI.as_view("sailings"))
    bookings = limiter.limit(app.config["BOOKING_RATE_LIMIT"], methods=["POST"])(
        BookingsAPI.as_view("bookings", store)
    )
    api.add_url_rule("/sailings", view_func=sailings)
    api.add_url_rule("/bookings", view_func=bookings)
    api.add_url_rule("/bookings/<int:booking_id>", view_func=BookingAPI.as_view("booking"))
    app.register_blueprint(api)

    CORS(app, resources={r"/*": {
        "origins": list(app.config["CORS_ORIGINS"]),
        "methods": ["GET", "POST", "DELETE"],
        "allow_headers": ["content-type", "authorization"],
        "supports_credentials": True,
    }})
    return app

"""MethodView classes parameterised by representation, a custom exception and
error handler for unknown parcels, and a WSGI middleware (around app.wsgi_app)
that counts requests per version and adds v1's deprecation headers.

expect: full marks
"""
# %% your_app
from datetime import timezone

from flask import Flask, current_app, jsonify, request
from flask.views import MethodView


def _iso(day):
    return None if day is None else day.isoformat()


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    return dict(id=parcel["id"], recipient=parcel["recipient"], status=parcel["status"], eta=_iso(parcel["eta"]))


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    return dict(id=parcel["id"], recipient=parcel["recipient"], status=parcel["status"],
                estimated_delivery=_iso(parcel["eta"]))


class ParcelNotFound(Exception):
    pass


class InvalidPage(Exception):
    pass


class ParcelStore:
    """The look-ups both versions share."""

    @staticmethod
    def all():
        return current_app.config["PARCELS"]

    @staticmethod
    def get(parcel_id):
        for parcel in current_app.config["PARCELS"]:
            if parcel["id"] == parcel_id:
                return parcel
        raise ParcelNotFound(parcel_id)


def _positive(name, default, upper=None):
    text = request.args.get(name, default=None)
    if text is None:
        return default
    if not text.isdecimal():
        raise InvalidPage(f"{name}={text!r} is not a whole number")
    value = int(text)
    if value < 1 or (upper and value > upper):
        raise InvalidPage(f"{name}={value} is out of range")
    return value


class ParcelList(MethodView):
    def __init__(self, show, paginate):
        self.show = show
        self.paginate = paginate

    def get(self):
        parcels = ParcelStore.all()
        if not self.paginate:
            return jsonify(list(map(self.show, parcels)))
        page, per_page = _positive("page", 1), _positive("per_page", 10, 50)
        chunk = parcels[(page - 1) * per_page: page * per_page]
        return jsonify({"items": list(map(self.show, chunk)), "page": page,
                        "per_page": per_page, "total": len(parcels)})


class ParcelItem(MethodView):
    def __init__(self, show):
        self.show = show

    def get(self, parcel_id):
        return jsonify(self.show(ParcelStore.get(parcel_id)))


class VersionMiddleware:
    """Counts /v1/ and /v2/ requests and stamps v1's deprecation headers."""

    def __init__(self, app):
        self.app = app
        self.inner = app.wsgi_app
        self.counts = {"v1": 0, "v2": 0}

    def v1_headers(self):
        cfg = self.app.config
        sunset = cfg["V1_SUNSET_AT"].astimezone(timezone.utc)
        return [
            ("Deprecation", "@" + str(int(cfg["V1_DEPRECATED_AT"].timestamp()))),
            ("Sunset", sunset.strftime("%a, %d %b %Y %H:%M:%S GMT")),
            ("Link", '<' + cfg["V1_MIGRATION_GUIDE"] + '>; rel="deprecation"'),
        ]

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        for version in self.counts:
            if path.startswith("/" + version + "/"):
                self.counts[version] += 1
        if not path.startswith("/v1/"):
            return self.inner(environ, start_response)
        extra = self.v1_headers()

        def start_with_headers(status, headers, exc_info=None):
            return start_response(status, list(headers) + extra, exc_info)

        return self.inner(environ, start_with_headers)


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    app.config.update(PARCELS=SEED_PARCELS, V1_DEPRECATED_AT=V1_DEPRECATED_AT,
                      V1_SUNSET_AT=V1_SUNSET_AT, V1_MIGRATION_GUIDE=V1_MIGRATION_GUIDE)
    app.config.update(test_config or {})

    for version, show, paginate in (("v1", v1_parcel, False), ("v2", v2_parcel, True)):
        app.add_url_rule(f"/{version}/parcels",
                         view_func=ParcelList.as_view(f"{version}_parcels", show, paginate))
        app.add_url_rule(f"/{version}/parcels/<int:parcel_id>",
                         view_func=ParcelItem.as_view(f"{version}_parcel", show))

    @app.errorhandler(ParcelNotFound)
    def parcel_not_found(_exc):
        return jsonify(error="parcel not found"), 404

    @app.errorhandler(InvalidPage)
    def invalid_page(exc):
        return jsonify(error=str(exc)), 400

    app.add_url_rule("/health", "health", lambda: jsonify(status="ok"))

    middleware = VersionMiddleware(app)
    app.wsgi_app = middleware

    def metrics():
        text = "".join(f'api_requests_total{{version="{v}"}} {n}\n' for v, n in middleware.counts.items())
        return text, 200, {"Content-Type": "text/plain; version=0.0.4"}

    app.add_url_rule("/metrics", "metrics", metrics)
    return app

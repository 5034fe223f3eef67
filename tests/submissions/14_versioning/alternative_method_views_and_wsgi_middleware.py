"""A correct app without blueprints: MethodView classes parametrised by version and registered
twice with add_url_rule, and a WSGI middleware around app.wsgi_app that counts requests and adds
the v1 headers (calendar.timegm, werkzeug's http_date on a timestamp, two links in one header,
counts written as floats).

expect: full marks
"""
# %% your_app
import calendar

from flask import Flask, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.http import http_date


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    eta = parcel["eta"]
    return dict(id=parcel["id"], recipient=parcel["recipient"], status=parcel["status"],
                eta=eta.isoformat() if eta else None)


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    eta = parcel["eta"]
    return dict(id=parcel["id"], recipient=parcel["recipient"], status=parcel["status"],
                estimated_delivery=eta.isoformat() if eta else None)


class ParcelService:
    def __init__(self, parcels):
        self.parcels = list(parcels)

    def get(self, parcel_id):
        return next((p for p in self.parcels if p["id"] == parcel_id), None)


def not_found():
    return jsonify({"error": "parcel not found"}), 404


class ParcelList(MethodView):
    def __init__(self, version):
        self.version = version

    def get(self):
        service = current_app.extensions["parcels"]
        if self.version == "v1":
            return jsonify([v1_parcel(p) for p in service.parcels])
        args = {}
        for name, default, top in (("page", "1", None), ("per_page", "10", 50)):
            raw = request.args.get(name, default)
            if not raw.isascii() or not raw.isdigit() or int(raw) == 0 or (top and int(raw) > top):
                return jsonify({"error": f"bad {name}"}), 422
            args[name] = int(raw)
        first = (args["page"] - 1) * args["per_page"]
        window = service.parcels[first:first + args["per_page"]]
        return jsonify({"items": [v2_parcel(p) for p in window], "total": len(service.parcels), **args})


class ParcelDetail(MethodView):
    def __init__(self, version):
        self.show = v1_parcel if version == "v1" else v2_parcel

    def get(self, parcel_id):
        parcel = current_app.extensions["parcels"].get(parcel_id)
        return not_found() if parcel is None else jsonify(self.show(parcel))


class VersionMiddleware:
    """Counts /v1/ and /v2/ requests and marks every v1 response as deprecated."""

    def __init__(self, wsgi_app, config):
        self.wsgi_app = wsgi_app
        self.config = config
        self.counts = {"v1": 0, "v2": 0}

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        version = next((v for v in self.counts if path.startswith(f"/{v}/")), None)
        if version is None:
            return self.wsgi_app(environ, start_response)
        self.counts[version] += 1
        if version == "v2":
            return self.wsgi_app(environ, start_response)

        def deprecated_start_response(status, headers, exc_info=None):
            cfg = self.config
            headers = list(headers) + [
                ("Deprecation", "@" + str(calendar.timegm(cfg["V1_DEPRECATED_AT"].utctimetuple()))),
                ("Sunset", http_date(cfg["V1_SUNSET_AT"].timestamp())),
                ("Link", f'<{cfg["V1_MIGRATION_GUIDE"]}>; type="text/html"; rel="deprecation", '
                         f'<{cfg["V1_MIGRATION_GUIDE"]}#timeline>; rel="sunset"'),
            ]
            return start_response(status, headers, exc_info)

        return self.wsgi_app(environ, deprecated_start_response)


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    app = Flask(__name__)
    defaults = dict(PARCELS=SEED_PARCELS, V1_DEPRECATED_AT=V1_DEPRECATED_AT, V1_SUNSET_AT=V1_SUNSET_AT,
                    V1_MIGRATION_GUIDE=V1_MIGRATION_GUIDE)
    app.config.update(defaults)
    if test_config:
        app.config.update(test_config)
    app.extensions["parcels"] = ParcelService(app.config["PARCELS"])

    for version in ("v1", "v2"):
        app.add_url_rule(f"/{version}/parcels", view_func=ParcelList.as_view(f"{version}_list", version))
        app.add_url_rule(f"/{version}/parcels/<int:parcel_id>",
                         view_func=ParcelDetail.as_view(f"{version}_detail", version))

    app.add_url_rule("/health", "health", lambda: {"status": "ok"})

    middleware = VersionMiddleware(app.wsgi_app, app.config)
    app.wsgi_app = middleware

    @app.get("/metrics")
    def metrics():
        text = "# TYPE api_requests_total counter\n"
        for version, n in middleware.counts.items():
            text += 'api_requests_total{version="%s"} %.1f\n' % (version, n)
        return text, {"Content-Type": "text/plain; charset=utf-8"}

    return app

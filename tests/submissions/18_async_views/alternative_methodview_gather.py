"""A correct app with an async MethodView: gather of (name, result) wrappers, error handlers for 502/504, missing in reverse order.

The catalog's exception leaves gather at once; the calls still running are
cancelled when Flask closes the request's event loop (an unknown SKU's 404
cancels nothing: accepted). On a 404 page it logs an ERROR for each optional
service that raised UpstreamNotFound too (accepted; alternative_cold_summary_log
and alternative_wait_deadline_loop stay silent there).

expect: full marks
"""
# %% your_app
import asyncio
import logging

from flask import Flask, jsonify
from flask.views import MethodView

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")


class CatalogFailed(Exception):
    status = 502


class CatalogTimedOut(CatalogFailed):
    status = 504


class ProductView(MethodView):
    def __init__(self, upstreams):
        self.upstreams = upstreams

    async def get(self, sku):
        try:
            return await self.upstreams["catalog"].fetch(sku)
        except UpstreamNotFound:
            return {"error": f"{sku} is not in the catalog"}, 404


class PageView(MethodView):
    def __init__(self, upstreams, limit):
        self.upstreams, self.limit = upstreams, limit

    async def optional(self, name, sku):
        try:
            return name, await asyncio.wait_for(self.upstreams[name].fetch(sku), timeout=self.limit)
        except asyncio.TimeoutError:
            log.error("timeout: %s gave no answer within %.2f s", name, self.limit)
        except Exception as exc:
            log.error("failure: %s raised %r", name, exc)
        return name, None

    async def catalog(self, sku):
        try:
            return await asyncio.wait_for(self.upstreams["catalog"].fetch(sku), timeout=self.limit)
        except UpstreamNotFound:
            raise
        except asyncio.TimeoutError as exc:
            raise CatalogTimedOut() from exc
        except Exception as exc:
            raise CatalogFailed() from exc

    async def get(self, sku):
        try:
            product, *rest = await asyncio.gather(self.catalog(sku), *(self.optional(n, sku) for n in OPTIONAL))
        except UpstreamNotFound:
            return {"error": f"{sku} is not in the catalog"}, 404
        sections = dict(rest)
        missing = sorted((n for n, v in sections.items() if v is None), reverse=True)
        return {"sku": sku, "catalog": product, **sections, "partial": bool(missing), "missing": missing}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"UPSTREAMS": make_upstreams(), "UPSTREAM_TIMEOUT": 0.5, **(test_config or {})})

    @app.errorhandler(CatalogFailed)
    def catalog_failed(error):
        return jsonify(error="the product catalog did not answer"), error.status

    upstreams = app.config["UPSTREAMS"]
    app.add_url_rule("/products/<sku>", view_func=ProductView.as_view("product", upstreams))
    app.add_url_rule("/products/<sku>/page",
                     view_func=PageView.as_view("page", upstreams, app.config["UPSTREAM_TIMEOUT"]))
    return app

"""Logs one WARNING summary line per page, even when nothing is missing; breaks task 4: 'A page with nothing missing logs nothing at WARNING or above there.'

expect: task4_hidden_logging
"""
# %% your_app
import asyncio
import logging

from flask import Flask, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")

from flask import current_app
from flask.views import MethodView


async def cancel_all(tasks):
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks)


class ProductAPI(MethodView):
    async def get(self, sku):
        try:
            return jsonify(await current_app.config["UPSTREAMS"]["catalog"].fetch(sku))
        except UpstreamNotFound:
            return jsonify({"error": "unknown sku"}), 404


class ProductPageAPI(MethodView):
    async def get(self, sku):
        upstreams = current_app.config["UPSTREAMS"]
        limit = current_app.config["UPSTREAM_TIMEOUT"]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        names = {asyncio.ensure_future(upstreams[name].fetch(sku)): name
                 for name in ("catalog",) + OPTIONAL}
        pending = set(names)
        results = {}
        while pending:
            left = deadline - loop.time()
            if left <= 0:
                break
            done, pending = await asyncio.wait(pending, timeout=left,
                                               return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                name = names[task]
                error = task.exception()
                if error is None:
                    results[name] = task.result()
                elif name == "catalog":
                    await cancel_all(pending)
                    if isinstance(error, UpstreamNotFound):
                        return jsonify({"error": "unknown sku"}), 404
                    log.error("upstream catalog failed: %r", error)
                    return jsonify({"error": "catalog unavailable"}), 503
                else:
                    log.warning("upstream %s failed: %r", name, error)
        timed_out = [names[task] for task in pending]
        await cancel_all(pending)
        if "catalog" in timed_out:
            log.error("upstream catalog timed out after %s s", limit)
            return jsonify({"error": "catalog timed out"}), 504
        for name in timed_out:
            log.warning("upstream %s timed out after %s s", name, limit)
        page = {"sku": sku, "catalog": results["catalog"]}
        missing = []
        for name in OPTIONAL:
            page[name] = results.get(name)
            if name not in results:
                missing.append(name)
        page["partial"] = bool(missing)
        log.warning("page %s built, missing upstreams: %s", sku, missing)
        page["missing"] = missing
        return jsonify(page)


def create_app(test_config=None):
    app = Flask(__name__)
    defaults = {"UPSTREAMS": make_upstreams(), "UPSTREAM_TIMEOUT": 0.5}
    app.config.update(defaults)
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.add_url_rule("/products/<sku>", view_func=ProductAPI.as_view("product"))
    app.add_url_rule("/products/<sku>/page", view_func=ProductPageAPI.as_view("product_page"))
    return app

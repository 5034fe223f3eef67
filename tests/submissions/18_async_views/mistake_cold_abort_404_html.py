"""Uses abort(404) for an unknown SKU, which answers Flask's HTML 404 page instead of a JSON object; on GET /products/<sku> and on the page; breaks task 1/2: 'answers 404 with a JSON object holding an error member'.

expect: task1_hidden, task2_hidden
"""
# %% your_app
import asyncio
import logging

from flask import Flask, abort, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(UPSTREAMS=make_upstreams(), UPSTREAM_TIMEOUT=0.5)
    if test_config:
        app.config.update(test_config)

    @app.get("/products/<sku>")
    async def product(sku):
        try:
            record = await app.config["UPSTREAMS"]["catalog"].fetch(sku)
        except UpstreamNotFound:
            abort(404)
        return jsonify(record)

    async def optional(name, client, sku, timeout):
        try:
            return await asyncio.wait_for(client.fetch(sku), timeout)
        except TimeoutError:
            log.warning("upstream %s timed out for %s", name, sku)
        except Exception:
            log.warning("upstream %s failed for %s", name, sku, exc_info=True)
        return None

    @app.get("/products/<sku>/page")
    async def product_page(sku):
        upstreams = app.config["UPSTREAMS"]
        timeout = app.config["UPSTREAM_TIMEOUT"]
        tasks = {name: asyncio.create_task(optional(name, upstreams[name], sku, timeout))
                 for name in OPTIONAL}
        try:
            catalog = await asyncio.wait_for(upstreams["catalog"].fetch(sku), timeout)
        except BaseException as exc:
            for task in tasks.values():
                task.cancel()
            await asyncio.gather(*tasks.values(), return_exceptions=True)
            if isinstance(exc, UpstreamNotFound):
                abort(404)
            if isinstance(exc, Exception):
                log.error("upstream catalog unavailable for %s: %r", sku, exc)
                return jsonify(error="the catalog is unavailable, try again later"), 503
            raise
        sections = {name: await task for name, task in tasks.items()}
        missing = [name for name, value in sections.items() if value is None]
        return jsonify(sku=sku, catalog=catalog, **sections, partial=bool(missing), missing=missing)

    return app

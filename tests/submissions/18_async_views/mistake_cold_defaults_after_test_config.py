"""Applies test_config first and then sets UPSTREAM_TIMEOUT = 0.5 (keeping a test's UPSTREAMS only), so a configured timeout is overwritten; breaks task 1: 'then applies test_config, when given, on top: its values replace the defaults'.

Only task 1 loses: task 3 checks that a limit within test_config keeps a slow answer
only when the app's config holds that limit, so this factory bug costs one task.

expect: task1_hidden
"""
# %% your_app
import asyncio
import logging

from flask import Flask, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")


def create_app(test_config=None):
    app = Flask(__name__)
    if test_config:
        app.config.update(test_config)
    if "UPSTREAMS" not in app.config:
        app.config["UPSTREAMS"] = make_upstreams()
    app.config["UPSTREAM_TIMEOUT"] = 0.5

    @app.get("/products/<sku>")
    async def product(sku):
        try:
            record = await app.config["UPSTREAMS"]["catalog"].fetch(sku)
        except UpstreamNotFound:
            return jsonify(error=f"no product {sku}"), 404
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
                return jsonify(error=f"no product {sku}"), 404
            if isinstance(exc, Exception):
                log.error("upstream catalog unavailable for %s: %r", sku, exc)
                return jsonify(error="the catalog is unavailable, try again later"), 503
            raise
        sections = {name: await task for name, task in tasks.items()}
        missing = [name for name, value in sections.items() if value is None]
        return jsonify(sku=sku, catalog=catalog, **sections, partial=bool(missing), missing=missing)

    return app

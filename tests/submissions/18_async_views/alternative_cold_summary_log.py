"""asyncio.create_task and wait_for per call, but the page logs ONE warning per partial page naming every missing service and why ('upstreams missing for TEA-001: reviews timed out, stock failed (UpstreamError)'): one record for several services is accepted.

expect: full marks
"""
# %% your_app
import asyncio
import logging

from flask import Flask, jsonify

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
            return jsonify(error=f"no product {sku}"), 404
        return jsonify(record)

    async def optional(name, client, sku, timeout):
        # a section dict, or a short reason (str) why it is missing
        try:
            return await asyncio.wait_for(client.fetch(sku), timeout)
        except TimeoutError:
            return "timed out"
        except Exception as exc:
            return f"failed ({type(exc).__name__})"

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
        problems = {name: value for name, value in sections.items() if isinstance(value, str)}
        missing = list(problems)
        if problems:
            log.warning("upstreams missing for %s: %s", sku,
                        ", ".join(f"{name} {why}" for name, why in problems.items()))
            sections.update(dict.fromkeys(problems))
        return jsonify(sku=sku, catalog=catalog, **sections, partial=bool(missing), missing=missing)

    return app

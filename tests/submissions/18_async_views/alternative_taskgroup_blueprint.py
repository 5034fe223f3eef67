"""A correct app in a blueprint: asyncio.TaskGroup with asyncio.timeout per call, except* for the catalog, log.exception (ERROR).

expect: full marks
"""
# %% your_app
import asyncio
import logging

from flask import Blueprint, Flask, current_app, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")

shop = Blueprint("shop", __name__)


class CatalogDown(Exception):
    pass


async def limited(client, sku):
    async with asyncio.timeout(current_app.config["UPSTREAM_TIMEOUT"]):
        return await client.fetch(sku)


async def section(name, client, sku):
    try:
        return await limited(client, sku)
    except TimeoutError:
        log.exception("%s: no answer in time", name)
    except Exception:
        log.exception("%s: call failed", name)
    return None


async def required(client, sku):
    try:
        return await limited(client, sku)
    except UpstreamNotFound:
        raise
    except Exception as exc:
        raise CatalogDown(str(exc)) from exc


@shop.route("/products/<sku>")
async def product(sku):
    try:
        record = await current_app.config["UPSTREAMS"]["catalog"].fetch(sku)
    except UpstreamNotFound:
        return jsonify(error="unknown product"), 404
    return jsonify(record)


@shop.route("/products/<sku>/page")
async def page(sku):
    clients = current_app.config["UPSTREAMS"]
    outcome = None
    try:
        async with asyncio.TaskGroup() as group:
            main = group.create_task(required(clients["catalog"], sku))
            others = [group.create_task(section(n, clients[n], sku)) for n in OPTIONAL]
    except* UpstreamNotFound:
        outcome = (404, "unknown product")
    except* CatalogDown:
        outcome = (503, "catalog unavailable")
    if outcome is not None:
        return jsonify(error=outcome[1]), outcome[0]
    body = {"sku": sku, "catalog": main.result()}
    body.update({n: t.result() for n, t in zip(OPTIONAL, others)})
    gaps = [n for n in OPTIONAL if body[n] is None]
    body["partial"] = len(gaps) > 0
    body["missing"] = gaps
    return jsonify(body)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["UPSTREAMS"] = make_upstreams()
    app.config["UPSTREAM_TIMEOUT"] = 0.5
    app.config.update(test_config or {})
    app.register_blueprint(shop)
    return app

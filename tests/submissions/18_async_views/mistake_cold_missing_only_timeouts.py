"""Nulls a failed section but only lists timed-out sections in missing (partial from any null section); breaks task 4: 'only that section is null and listed in missing'.

expect: task4_hidden
"""
# %% your_app
import asyncio
import logging

from flask import Flask, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")

from flask import Blueprint, current_app


class CatalogUnavailable(Exception):
    """The required catalog failed or timed out."""


products = Blueprint("products", __name__, url_prefix="/products")


async def _optional_section(name, client, sku, seconds):
    try:
        async with asyncio.timeout(seconds):
            return await client.fetch(sku)
    except TimeoutError:
        log.warning("upstream %s timed out after %ss", name, seconds)
        return TimeoutError
    except Exception as exc:
        log.error("upstream %s failed: %s: %s", name, type(exc).__name__, exc)
    return None


async def _catalog_section(client, sku, seconds):
    try:
        async with asyncio.timeout(seconds):
            return await client.fetch(sku)
    except UpstreamNotFound:
        raise
    except TimeoutError as exc:
        raise CatalogUnavailable("the catalog timed out") from exc
    except Exception as exc:
        raise CatalogUnavailable(f"the catalog failed: {type(exc).__name__}") from exc


@products.route("/<sku>", methods=["GET"])
async def product(sku):
    return await current_app.config["UPSTREAMS"]["catalog"].fetch(sku)


@products.route("/<sku>/page", methods=["GET"])
async def page(sku):
    upstreams = current_app.config["UPSTREAMS"]
    seconds = current_app.config["UPSTREAM_TIMEOUT"]
    try:
        async with asyncio.TaskGroup() as group:
            catalog = group.create_task(_catalog_section(upstreams["catalog"], sku, seconds))
            others = {name: group.create_task(_optional_section(name, upstreams[name], sku, seconds))
                      for name in OPTIONAL}
    except* UpstreamNotFound:
        raise UpstreamNotFound(sku) from None
    except* CatalogUnavailable as group_error:
        raise group_error.exceptions[0] from None
    body = {"sku": sku, "catalog": catalog.result()}
    body.update({name: task.result() for name, task in others.items()})
    body["missing"] = [name for name in OPTIONAL if body[name] is TimeoutError]
    body.update({name: None for name in body["missing"]})
    body["partial"] = any(body[name] is None for name in OPTIONAL)
    return body


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["UPSTREAMS"] = make_upstreams()
    app.config["UPSTREAM_TIMEOUT"] = 0.5
    app.config.update(test_config or {})
    app.register_blueprint(products)

    @app.errorhandler(UpstreamNotFound)
    def not_found(exc):
        return {"error": "no such product"}, 404

    @app.errorhandler(CatalogUnavailable)
    def unavailable(exc):
        log.error("upstream catalog: %s", exc)
        return {"error": str(exc)}, 503

    return app

"""A correct app with one deadline shared by the four calls, a loop over asyncio.wait(FIRST_COMPLETED), views added with add_url_rule, abort and JSON error handlers, missing sorted.

expect: full marks
"""
# %% your_app
import asyncio
import logging

from flask import Flask, abort, current_app, jsonify

log = logging.getLogger("larder.upstreams")
SERVICES = ("catalog", "pricing", "reviews", "stock")


async def product_view(sku):
    try:
        found = await current_app.config["UPSTREAMS"]["catalog"].fetch(sku)
    except UpstreamNotFound:
        abort(404)
    return jsonify(found)


async def page_view(sku):
    clients = current_app.config["UPSTREAMS"]
    loop = asyncio.get_running_loop()
    deadline = loop.time() + current_app.config["UPSTREAM_TIMEOUT"]
    owner = {asyncio.ensure_future(clients[name].fetch(sku)): name for name in SERVICES}
    pending = set(owner)
    answers, errors = {}, {}
    while pending and "catalog" not in errors:
        left = deadline - loop.time()
        if left <= 0:
            break
        done, pending = await asyncio.wait(pending, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            if task.exception() is None:
                answers[owner[task]] = task.result()
            else:
                errors[owner[task]] = task.exception()
    for task in pending:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
    late = {owner[task] for task in pending}
    if isinstance(errors.get("catalog"), UpstreamNotFound):
        abort(404)
    if "catalog" in errors or "catalog" in late:
        abort(503)
    for name in sorted(late):
        log.critical("service %s: deadline passed", name)
    for name, exc in errors.items():
        log.critical("service %s: %s", name, type(exc).__name__)
    body = {"sku": sku}
    body.update({name: answers.get(name) for name in SERVICES})
    body["missing"] = sorted(late | set(errors))
    body["partial"] = bool(body["missing"])
    return jsonify(body)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(UPSTREAMS=make_upstreams(), UPSTREAM_TIMEOUT=0.5)
    if test_config:
        app.config.update(test_config)
    app.add_url_rule("/products/<sku>", "product", product_view)
    app.add_url_rule("/products/<sku>/page", "page", page_view)

    @app.errorhandler(404)
    @app.errorhandler(503)
    def as_json(error):
        return jsonify(error=error.name), error.code

    return app

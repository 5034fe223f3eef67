"""A correct app with MethodView classes, a hand-written Accept-Language parser (q weights, primary
subtags), explicit cache keys with a version counter per app, ETags (md5 of the body) and a 304
built in an after_request hook that copies ETag, Cache-Control and Vary, and a basket with
private, no-cache. PUT checks the sku before the body, so an unknown sku with an invalid price
answers 404 (the other accepted reading; our solution answers 400).

expect: full marks
"""
# %% your_app
import hashlib
import json

from flask import Flask, abort, jsonify, request
from flask_caching import Cache

from flask import Response
from flask.views import MethodView


def preferred_language():
    best, best_q = "en", 0.0
    for part in request.headers.get("Accept-Language", "").split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        params = params.strip().replace(" ", "")
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in ("en", "fr") and q > best_q:
            best, best_q = primary, q
    return best


def translated(product, lang):
    return {"sku": product["sku"], "name": product["names"][lang], "category": product["category"],
            "price_cents": product["price_cents"], "language": lang}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["WAREHOUSE"] = Warehouse()
    app.config["CATALOGUE_MAX_AGE"] = 300
    app.config["TOKENS"] = SEED_TOKENS
    app.config["BASKETS"] = SEED_BASKETS
    app.config["CACHE_TYPE"] = "SimpleCache"
    if test_config:
        app.config.update(test_config)
    cache = Cache(config={"CACHE_TYPE": app.config["CACHE_TYPE"], "CACHE_DEFAULT_TIMEOUT": 300})
    cache.init_app(app)
    generation = [1]

    def remember(key, compute):
        full_key = f"gen{generation[0]}|{key}"
        hit = cache.get(full_key)
        if hit is not None:
            return hit
        value = compute()
        if value is not None:
            cache.set(full_key, value)
        return value

    class ProductAPI(MethodView):
        def get(self, sku):
            lang = preferred_language()
            wh = app.config["WAREHOUSE"]
            found = remember(f"product|{sku}|{lang}", lambda: (lambda p: translated(p, lang) if p else None)(wh.get(sku)))
            if found is None:
                abort(404)
            return jsonify(found)

    class ListAPI(MethodView):
        def get(self):
            lang = preferred_language()
            category = request.args.get("category")
            key = f"list|{json.dumps(category)}|{lang}"
            return jsonify(remember(key, lambda: {"items": [translated(p, lang) for p in app.config["WAREHOUSE"].list(category)]}))

    class PriceAPI(MethodView):
        def put(self, sku):
            if app.config["WAREHOUSE"].get(sku) is None:
                abort(404)  # the sku first: an unknown sku is 404 even with an invalid body
            data = request.get_json(silent=True)
            if not isinstance(data, dict) or type(data.get("price_cents")) is not int or data["price_cents"] <= 0:
                abort(400)
            if not app.config["WAREHOUSE"].set_price(sku, data["price_cents"]):
                abort(404)  # unreachable for an unknown sku: checked first, above
            generation[0] += 1
            return Response(status=204)

    class PromotionAPI(MethodView):
        def post(self):
            data = request.get_json(silent=True)
            ok = (isinstance(data, dict) and isinstance(data.get("category"), str)
                  and type(data.get("percent_off")) is int and 0 < data["percent_off"] <= 90)
            if not ok:
                abort(422)
            app.config["WAREHOUSE"].discount(data["category"], data["percent_off"])
            generation[0] += 1
            return Response(status=204)

    class BasketAPI(MethodView):
        def get(self):
            header = request.headers.get("Authorization", "")
            scheme, _, token = header.partition(" ")
            user = app.config["TOKENS"].get(token.strip()) if scheme.lower() == "bearer" else None
            if user is None:
                return jsonify(error="login required"), 401, {"Cache-Control": "private, no-cache", "Vary": "Authorization"}
            return (jsonify(user=user, items=app.config["BASKETS"].get(user, [])), 200,
                    {"Cache-Control": "private, no-cache", "Vary": "Authorization"})

    app.add_url_rule("/products/<sku>", view_func=ProductAPI.as_view("product"))
    app.add_url_rule("/products", view_func=ListAPI.as_view("products"))
    app.add_url_rule("/products/<sku>/price", view_func=PriceAPI.as_view("price"))
    app.add_url_rule("/promotions", view_func=PromotionAPI.as_view("promotions"))
    app.add_url_rule("/basket", view_func=BasketAPI.as_view("basket"))

    @app.after_request
    def http_caching(response):
        if request.endpoint not in ("product", "products") or response.status_code != 200:
            return response
        tag = hashlib.md5(response.get_data()).hexdigest()
        response.headers["ETag"] = f'"{tag}"'
        response.headers["Cache-Control"] = f"max-age={app.config['CATALOGUE_MAX_AGE']}, public"
        response.headers["Vary"] = "Accept-Language, Accept-Encoding"
        if request.if_none_match and request.if_none_match.contains_weak(tag):
            not_modified = Response(status=304)
            for name in ("ETag", "Cache-Control", "Vary"):
                not_modified.headers[name] = response.headers[name]
            return not_modified
        return response

    return app

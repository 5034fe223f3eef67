# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # HTTP and server caching for the Basketful product catalogue
#
# Basketful delivers groceries. Its mobile apps read the **product
# catalogue** (names, categories, prices) thousands of times a minute, through
# a CDN, and each customer's **basket**. The catalogue comes from the
# warehouse system, which is slow (about 200 ms a read). Today every request
# reaches the warehouse, the CDN caches nothing, and nobody dares cache more
# because a price change must show at once. You will make the catalogue
# cheap to serve without ever serving a stale price from the app, and keep
# baskets out of every shared cache.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, the catalogue with strong `ETag`s and `Cache-Control` | 3 |
# | 2 | conditional `GET`: `If-None-Match` answered with `304 Not Modified` | 4 |
# | 3 | French names, `Vary`, and a basket no shared cache may keep | 3 |
# | 4 | a server-side cache that a write can never leave stale | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The products live in a `Warehouse` (given below, do not edit
# it): the tests pass a warehouse of their own in `test_config["WAREHOUSE"]`
# and count how often your app reads it. They talk to your app only through
# Flask's test client.
#
# You use Flask and Werkzeug (which comes with it: `response.add_etag()`,
# `response.make_conditional(request)`, `request.if_none_match`,
# `request.accept_languages`, `response.vary`, `response.cache_control`) and
# **Flask-Caching** (`from flask_caching import Cache`) with
# `CACHE_TYPE="SimpleCache"`, an in-process cache. In production the cache
# would be a Redis server shared by every worker and the CDN would sit in
# front of the app; here everything runs inside the notebook, with no server
# to start. Task 5 asks what changes with several workers.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, Werkzeug and Flask-Caching documentation and RFC
# 9110 / RFC 9111 (HTTP semantics and caching) while you work.

# %% nbgrader={"grade_id": "warehouse", "locked": true}
# The warehouse system and the customers' data, given. Do not edit this cell.
import copy

SEED_PRODUCTS = [
    {"sku": "BRD-SOUR", "category": "bakery", "price_cents": 450, "names": {"en": "Sourdough loaf", "fr": "Pain au levain"}},
    {"sku": "CHS-COMTE", "category": "dairy", "price_cents": 1290, "names": {"en": "Comte, 18 months", "fr": "Comte 18 mois"}},
    {"sku": "MLK-1L", "category": "dairy", "price_cents": 119, "names": {"en": "Whole milk, 1 l", "fr": "Lait entier, 1 l"}},
    {"sku": "OAT-1KG", "category": "pantry", "price_cents": 349, "names": {"en": "Rolled oats, 1 kg", "fr": "Flocons d'avoine, 1 kg"}},
    {"sku": "OIL-OLIVE", "category": "pantry", "price_cents": 899, "names": {"en": "Olive oil, 75 cl", "fr": "Huile d'olive, 75 cl"}},
    {"sku": "YOG-GREEK", "category": "dairy", "price_cents": 275, "names": {"en": "Greek yoghurt", "fr": "Yaourt a la grecque"}},
]

# Bearer token -> customer, and each customer's basket.
SEED_TOKENS = {"tok-ada-7f3a": "ada", "tok-grace-91c2": "grace"}
SEED_BASKETS = {
    "ada": [{"sku": "OAT-1KG", "quantity": 2}, {"sku": "MLK-1L", "quantity": 1}],
    "grace": [{"sku": "CHS-COMTE", "quantity": 1}],
}


class Warehouse:
    """The warehouse system's product database.

    A product is a dict: sku, category, price_cents and names ({"en": ..., "fr": ...}).
    In production every read is a remote call of about 200 ms; here it is
    instant, and `reads` counts the calls of `get` and `list`, so the tests can
    see which requests your cache spared. Writes are not counted.
    """

    def __init__(self, products=SEED_PRODUCTS):
        self._rows = {p["sku"]: copy.deepcopy(p) for p in products}
        self.reads = 0

    def get(self, sku):
        """A copy of the product with this sku, or None. One read."""
        self.reads += 1
        row = self._rows.get(sku)
        return copy.deepcopy(row) if row is not None else None

    def list(self, category=None):
        """Copies of every product (only those of `category` when it is not None), sorted by sku. One read."""
        self.reads += 1
        rows = [r for r in self._rows.values() if category is None or r["category"] == category]
        return [copy.deepcopy(r) for r in sorted(rows, key=lambda r: r["sku"])]

    def set_price(self, sku, price_cents):
        """Change one product's price. Returns False when there is no such product."""
        if sku not in self._rows:
            return False
        self._rows[sku]["price_cents"] = price_cents
        return True

    def discount(self, category, percent_off):
        """Lower the price of every product of `category` by `percent_off` percent, rounded down
        to a cent (never below 1). Returns the skus changed, sorted."""
        changed = []
        for sku in sorted(self._rows):
            row = self._rows[sku]
            if row["category"] == category:
                row["price_cents"] = max(1, row["price_cents"] * (100 - percent_off) // 100)
                changed.append(sku)
        return changed

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and everything it needs in the cell
# below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import hashlib
import json

from flask import Flask, abort, jsonify, request
from flask_caching import Cache

LANGUAGES = ["en", "fr"]


def preferred_language():
    """The language of this request's answer, "en" or "fr", read from Accept-Language (task 3)."""
    ### BEGIN SOLUTION
    # accept_languages is sorted by q (highest first, header order on ties); fr-CA counts as fr.
    # Not best_match(): it prefers an exact "en" at q=0.5 to "fr-CA" at q=1.
    for value, quality in request.accept_languages:
        primary = value.split("-")[0].lower()
        if primary in LANGUAGES and quality > 0:
            return primary
    return "en"
    ### END SOLUTION


def create_app(test_config=None):
    """Build the Basketful API: the defaults of task 1, then test_config on top."""
    ### BEGIN SOLUTION
    def represent(product, language):
        return {"sku": product["sku"], "name": product["names"][language], "category": product["category"],
                "price_cents": product["price_cents"], "language": language}

    app = Flask(__name__)
    app.config.from_mapping(
        WAREHOUSE=Warehouse(), CATALOGUE_MAX_AGE=300, TOKENS=SEED_TOKENS, BASKETS=SEED_BASKETS,
        CACHE_TYPE="SimpleCache", CACHE_DEFAULT_TIMEOUT=600,
    )
    if test_config is not None:
        app.config.update(test_config)
    warehouse = app.config["WAREHOUSE"]
    cache = Cache(app)  # this app's own cache
    # Every key carries the catalogue's version; a write bumps it, so no older entry is reachable.
    state = {"version": 0}

    def through_cache(key, load):
        key = f"catalogue:v{state['version']}:{key}"
        value = cache.get(key)
        if value is None:
            value = load()
            if value is not None:
                cache.set(key, value)
        return value

    def catalogue_response(payload):
        response = jsonify(payload)
        response.cache_control.public = True
        response.cache_control.max_age = app.config["CATALOGUE_MAX_AGE"]
        response.vary.add("Accept-Language")
        response.add_etag()  # strong: a hash of exactly these bytes
        # 304 with no body when If-None-Match matches (weak comparison, lists, *); the headers stay.
        return response.make_conditional(request)

    @app.get("/products/<sku>")
    def get_product(sku):
        language = preferred_language()

        def load():
            product = warehouse.get(sku)
            return represent(product, language) if product is not None else None

        payload = through_cache(f"product:{sku}:{language}", load)
        if payload is None:
            abort(404)
        return catalogue_response(payload)

    @app.get("/products")
    def list_products():
        language = preferred_language()
        category = request.args.get("category")
        payload = through_cache(
            f"products:{category!r}:{language}",
            lambda: {"items": [represent(p, language) for p in warehouse.list(category)]},
        )
        return catalogue_response(payload)

    @app.get("/basket")
    def basket():
        auth = request.authorization
        user = app.config["TOKENS"].get(auth.token) if auth is not None and auth.type == "bearer" else None
        if user is None:
            response = jsonify(error="send Authorization: Bearer <token>")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = "Bearer"
        else:
            response = jsonify(user=user, items=app.config["BASKETS"].get(user, []))
        response.cache_control.no_store = True
        response.vary.add("Authorization")
        return response

    @app.put("/products/<sku>/price")
    def set_price(sku):
        data = request.get_json(silent=True)
        price = data.get("price_cents") if isinstance(data, dict) else None
        if type(price) is not int or price < 1:
            abort(400)
        if not warehouse.set_price(sku, price):
            abort(404)
        state["version"] += 1  # after the write: a read in between cannot cache the old price under the new version
        return "", 204

    @app.post("/promotions")
    def promotion():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("category"), str):
            abort(400)
        percent = data.get("percent_off")
        if type(percent) is not int or not 1 <= percent <= 90:
            abort(400)
        changed = warehouse.discount(data["category"], percent)
        state["version"] += 1
        return {"changed": changed}

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the catalogue, with strong `ETag`s and `Cache-Control` (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `WAREHOUSE = Warehouse()` (a new one for each app),
#   `CATALOGUE_MAX_AGE = 300`, `TOKENS = SEED_TOKENS`, `BASKETS = SEED_BASKETS`
#   (task 3), `CACHE_TYPE = "SimpleCache"` (task 4), then applies
#   `test_config` when one is given; every route reads the warehouse in
#   `app.config["WAREHOUSE"]`;
# - `GET /products/<sku>` answers `200` with the product as
#   `{"sku", "name", "category", "price_cents", "language"}`: `name` is the
#   English name and `language` is `"en"` (task 3 adds French). An unknown
#   sku answers `404` (the body is up to you);
# - `GET /products` answers `200` with `{"items": [...]}`, every product in
#   that form, sorted by sku (as `warehouse.list()` returns them);
#   `?category=dairy` lists only that category (an unknown category lists
#   nothing);
# - both `200` answers are public catalogue data: they carry
#   `Cache-Control` with `public` and `max-age=<CATALOGUE_MAX_AGE>`, and
#   nothing that stops a cache from storing them (no `private`,
#   `no-store`, `no-cache`); other directives are up to you;
# - both carry a **strong** `ETag` (a quoted string, no `W/`). Its value is
#   up to you (the tests read it from the answer), but it names the
#   representation: the same answer gives the same tag, from this app or any
#   other app built over the same data (Basketful runs many workers), and an
#   answer that differs in any way (another price, another name) gets
#   another tag.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from werkzeug.datastructures import ResponseCacheControl
from werkzeug.http import parse_cache_control_header, unquote_etag

app = check_app(create_app)
_reply = app.get("/products/OAT-1KG").expect(200, json={
    "sku": "OAT-1KG", "name": "Rolled oats, 1 kg", "category": "pantry", "price_cents": 349, "language": "en",
}, why="the seed product OAT-1KG, in English")
_raw = _reply.headers.get("ETag", "")
assert len(_raw) >= 2 and _raw[0] == _raw[-1] == '"' and not unquote_etag(_raw)[1], (
    f"GET /products/OAT-1KG should send a strong ETag, a quoted string without W/; got {_reply.describe('ETag')}"
)
_cc = parse_cache_control_header(_reply.headers.get("Cache-Control"), cls=ResponseCacheControl)
assert _cc.public and _cc.max_age == 300, (
    "GET /products/OAT-1KG should send Cache-Control with public and max-age=300 (the default "
    f"CATALOGUE_MAX_AGE); got {_reply.describe('Cache-Control')}"
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from werkzeug.datastructures import ResponseCacheControl
from werkzeug.http import parse_cache_control_header, unquote_etag

### BEGIN HIDDEN TESTS
def english(product):
    return dict(sku=product["sku"], name=product["names"]["en"], category=product["category"],
                price_cents=product["price_cents"], language="en")


def strong_tag(reply):
    raw = reply.headers.get("ETag", "")
    tag, weak = unquote_etag(raw)
    assert len(raw) >= 2 and raw[0] == raw[-1] == '"' and not weak, (
        f"{reply.label} should send a strong ETag, a quoted string without W/; got {reply.describe('ETag')}")
    return tag


def expect_public(reply, max_age):
    cc = parse_cache_control_header(reply.headers.get("Cache-Control"), cls=ResponseCacheControl)
    assert cc.public and cc.max_age == max_age and not (cc.private or cc.no_store or cc.no_cache), (
        f"{reply.label} is public catalogue data: Cache-Control should have public and max-age={max_age}, "
        f"and no private, no-store or no-cache; got {reply.describe('Cache-Control')}")


def one(path, config=None):
    """One request to a new app, so that no earlier answer can be cached."""
    return check_app(create_app, config).get(path)


oat_349 = one("/products/OAT-1KG").expect(200)
oat_again = check_app(create_app, {"WAREHOUSE": Warehouse(SEED_PRODUCTS)}).get("/products/OAT-1KG").expect(200)
assert strong_tag(oat_again) == strong_tag(oat_349), (
    "two apps over the same products should send the same ETag for the same answer of GET /products/OAT-1KG "
    f"(workers must agree); got {oat_349.headers.get('ETag')} and {oat_again.headers.get('ETag')}")
dearer = [dict(p, price_cents=399) if p["sku"] == "OAT-1KG" else p for p in SEED_PRODUCTS]
oat_399 = one("/products/OAT-1KG", {"WAREHOUSE": Warehouse(dearer)}).expect(
    200, json_subset={"price_cents": 399}, why="a warehouse where OAT-1KG costs 399")
assert strong_tag(oat_399) != strong_tag(oat_349), (
    "GET /products/OAT-1KG at price 399 and at price 349 are different answers and need different ETags; "
    f"both got {oat_349.headers.get('ETag')}")

every = one("/products").expect(200, json={"items": [english(p) for p in SEED_PRODUCTS]},
                                why="every seed product, in English, sorted by sku")
expect_public(every, 300)
strong_tag(every)
dairy = one("/products?category=dairy").expect(
    200, json={"items": [english(p) for p in SEED_PRODUCTS if p["category"] == "dairy"]}, why="the dairy products")
assert strong_tag(dairy) != strong_tag(every), "GET /products and GET /products?category=dairy are different answers and need different ETags"
one("/products?category=frozen").expect(200, json={"items": []}, why="no product is in category frozen")

minute = one("/products/MLK-1L", {"CATALOGUE_MAX_AGE": 60}).expect(200, json=english(SEED_PRODUCTS[2]))
expect_public(minute, 60)
expect_public(one("/products?category=pantry", {"CATALOGUE_MAX_AGE": 45}).expect(200), 45)

extra = dict(sku="TEA-EARL", category="pantry", price_cents=525, names={"en": "Earl Grey tea", "fr": "The Earl Grey"})
own = check_app(create_app, {"WAREHOUSE": Warehouse([extra])})
own.get("/products/TEA-EARL").expect(200, json=english(extra), why="the test's warehouse holds only TEA-EARL")
check_app(create_app, {"WAREHOUSE": Warehouse([extra])}).get("/products/OAT-1KG").expect(
    404, why="the test's warehouse has no OAT-1KG")
one("/products/NOPE-404").expect(404, why="there is no product NOPE-404")

first_default = check_app(create_app).app.config.get("WAREHOUSE")
second_default = check_app(create_app).app.config.get("WAREHOUSE")
assert isinstance(first_default, Warehouse) and first_default is not second_default, (
    "two apps built without a WAREHOUSE in test_config should each get a new Warehouse() in "
    "app.config['WAREHOUSE']; both apps got the same warehouse object, so a price written through one would show in the other")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: conditional `GET` and `304 Not Modified` (4 points)
#
# An app (or the CDN) that holds an answer sends its tag back in
# `If-None-Match` to ask "has it changed?". For `GET /products/<sku>` and
# `GET /products`, follow RFC 9110 (section 13.1.2):
#
# - `If-None-Match` holds a comma-separated **list** of entity tags, or `*`;
# - it uses the **weak comparison**: `W/"abc"` matches the current tag
#   `"abc"`, and so does `"abc"` itself;
# - when any tag in the list matches the current `ETag` of the answer (or
#   the header is `*` and the product exists), the answer is `304 Not
#   Modified` with **no body**, and it still carries the `ETag`,
#   `Cache-Control` and `Vary` headers the `200` would have sent (a cache
#   refreshes its stored copy from them);
# - otherwise (no tag matches, or the tag belongs to an older or another
#   answer) the answer is the full `200`, as in task 1;
# - an unknown sku answers `404` whatever `If-None-Match` says, `*` included.
#
# `If-None-Match` on other methods and `If-Match` (optimistic locking of
# writes) are out of scope; `If-Modified-Since` is not tested.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
_first = app.get("/products/OAT-1KG").expect(200)
app.get("/products/OAT-1KG", headers={"If-None-Match": _first.headers.get("ETag", '"no-etag-sent"')}).expect(
    304, empty=True, why="If-None-Match names the ETag of the first answer, which has not changed"
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 3}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import tokens
from werkzeug.datastructures import ResponseCacheControl
from werkzeug.http import parse_cache_control_header, unquote_etag

### BEGIN HIDDEN TESTS
def cache_control(reply):
    return dict(parse_cache_control_header(reply.headers.get("Cache-Control"), cls=ResponseCacheControl))


def expect_not_modified(reply, full, sent):
    reply.expect(304, why=f"If-None-Match: {sent} matches the current ETag {full.headers.get('ETag')}")
    assert not reply.response.get_data(), f"{reply.label} with If-None-Match: {sent}: a 304 has no body; got {reply.describe()}"
    assert unquote_etag(reply.headers.get("ETag")) == unquote_etag(full.headers.get("ETag")), (
        f"{reply.label}: a 304 repeats the ETag of the 200 ({full.headers.get('ETag')}); got {reply.describe('ETag')}")
    assert cache_control(reply) == cache_control(full), (
        f"{reply.label}: a 304 repeats the Cache-Control of the 200 ({full.headers.get('Cache-Control')}); "
        f"got {reply.describe('Cache-Control')}")
    assert tokens(reply, "Vary") == tokens(full, "Vary"), (
        f"{reply.label}: a 304 repeats the Vary of the 200 ({full.headers.get('Vary')}); got {reply.describe('Vary')}")


probe = check_app(create_app)
full = probe.get("/products/MLK-1L").expect(200)
current = full.headers.get("ETag", '"none"')
for sent in (f"W/{current}", f'"stale-1", {current}', f'W/"stale-2" ,  W/{current}, "stale-3"', "*"):
    expect_not_modified(probe.get("/products/MLK-1L", headers={"If-None-Match": sent}), full, sent)
milk = dict(sku="MLK-1L", name="Whole milk, 1 l", category="dairy", price_cents=119, language="en")
for sent in ('"stale-4"', 'W/"stale-5", "stale-6"', current[:-1] + 'x"'):
    probe.get("/products/MLK-1L", headers={"If-None-Match": sent}).expect(
        200, json=milk, why=f"If-None-Match: {sent} names no current tag: the full answer")
oats = probe.get("/products/OAT-1KG").expect(200)
probe.get("/products/MLK-1L", headers={"If-None-Match": oats.headers.get("ETag", '"none"')}).expect(
    200, json=milk, why="the ETag of OAT-1KG does not match MLK-1L")
for sent in ("*", current):
    probe.get("/products/NOPE-404", headers={"If-None-Match": sent}).expect(
        404, why=f"there is no product NOPE-404, whatever If-None-Match ({sent}) says")

listing = probe.get("/products?category=dairy").expect(200)
listed = listing.headers.get("ETag", '"none"')
for sent in (listed, f'"stale-7", W/{listed}'):
    expect_not_modified(probe.get("/products?category=dairy", headers={"If-None-Match": sent}), listing, sent)
probe.get("/products?category=dairy", headers={"If-None-Match": current}).expect(
    200, why="the ETag of one product does not match the listing")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: French names, `Vary`, and a basket for one customer only (3 points)
#
# **Languages.** `GET /products/<sku>` and `GET /products` answer in the
# language the client prefers in `Accept-Language`, `en` or `fr`: the one
# with the highest `q` weight; a range with a region counts as its language
# (`fr-CA` is French, also beside an exact `en` of lower weight); `q=0`
# means "not this one"; `en` when the header is missing or names neither
# (`*` alone names neither; the tests send no other `*` and no tie between
# `en` and `fr`). The stub `preferred_language()` in *Your app* is there
# for this rule; using it is up to you. `name` is in that
# language and `language` says which. Since the answer depends on that header, both endpoints send
# `Vary` with `Accept-Language` (other names may be listed too). The French
# and English answers are different representations: their `ETag`s differ,
# and an English tag in `If-None-Match` does not match the French answer.
#
# **Baskets.** `GET /basket` with `Authorization: Bearer <token>` answers
# `200` with `{"user": <name>, "items": <that customer's basket>}` from
# `app.config["TOKENS"]` and `app.config["BASKETS"]`; no token, an unknown
# one or another scheme answers `401`. A basket is one customer's data: its
# `Cache-Control` has `private` or `no-store` (either is accepted, both
# too) and never `public`, and it sends `Vary` with `Authorization`.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder.headers import tokens
from werkzeug.datastructures import ResponseCacheControl
from werkzeug.http import parse_cache_control_header

app = check_app(create_app)
_french = app.get("/products/OAT-1KG", headers={"Accept-Language": "fr"}).expect(200, json={
    "sku": "OAT-1KG", "name": "Flocons d'avoine, 1 kg", "category": "pantry", "price_cents": 349, "language": "fr",
}, why="Accept-Language: fr asks for the French name")
assert "accept-language" in tokens(_french, "Vary"), (
    f"GET /products/OAT-1KG depends on Accept-Language and should say so in Vary; got {_french.describe('Vary')}"
)
_basket = check_app(create_app).get("/basket", headers={"Authorization": "Bearer tok-ada-7f3a"}).expect(
    200, json={"user": "ada", "items": [{"sku": "OAT-1KG", "quantity": 2}, {"sku": "MLK-1L", "quantity": 1}]},
    why="ada's token shows ada's basket",
)
_cc = parse_cache_control_header(_basket.headers.get("Cache-Control"), cls=ResponseCacheControl)
assert (_cc.private or _cc.no_store) and not _cc.public, (
    f"GET /basket is one customer's data: Cache-Control should have private or no-store, never public; got {_basket.describe('Cache-Control')}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import tokens
from werkzeug.datastructures import ResponseCacheControl
from werkzeug.http import parse_cache_control_header

### BEGIN HIDDEN TESTS
def french_or_english(product, language):
    return dict(sku=product["sku"], name=product["names"][language], category=product["category"],
                price_cents=product["price_cents"], language=language)


def one(path, **headers):
    """One request to a new app, so that no earlier answer can be cached."""
    return check_app(create_app).get(path, headers=headers)


comte = SEED_PRODUCTS[1]
for sent, language in (("fr-CA", "fr"), ("en;q=0.2, fr;q=0.9", "fr"), ("de-DE, fr;q=0.3", "fr"),
                       ("de", "en"), ("fr;q=0, en;q=0.1", "en"), ("en-GB", "en"), ("fr-BE;q=0.8, de;q=0.9", "fr"),
                       ("fr-CA, en;q=0.5", "fr"), ("fr-CA;q=0.9, en;q=0.8", "fr"), ("en-AU;q=0.7, fr;q=0.4", "en")):
    one("/products/CHS-COMTE", **{"Accept-Language": sent}).expect(
        200, json=french_or_english(comte, language), why=f"Accept-Language: {sent} prefers {language} among en and fr")
french_list = one("/products?category=dairy", **{"Accept-Language": "fr"}).expect(
    200, json={"items": [french_or_english(p, "fr") for p in SEED_PRODUCTS if p["category"] == "dairy"]},
    why="the dairy products with their French names")
assert "accept-language" in tokens(french_list, "Vary"), (
    f"GET /products depends on Accept-Language and should say so in Vary; got {french_list.describe('Vary')}")
english = one("/products/CHS-COMTE").expect(200)
assert "accept-language" in tokens(english, "Vary"), (
    f"GET /products/CHS-COMTE without Accept-Language still depends on it: Vary should name it; got {english.describe('Vary')}")
french = one("/products/CHS-COMTE", **{"Accept-Language": "fr"}).expect(200)
assert english.headers.get("ETag") and english.headers.get("ETag") != french.headers.get("ETag"), (
    "the English and French answers of GET /products/CHS-COMTE are different representations and need "
    f"different ETags; got {english.headers.get('ETag')} and {french.headers.get('ETag')}")
one("/products/CHS-COMTE", **{"Accept-Language": "fr", "If-None-Match": english.headers.get("ETag", '"none"')}).expect(
    200, json=french_or_english(comte, "fr"), why="the English ETag does not match the French answer")

def basket_of(token):
    return one("/basket", Authorization=f"Bearer {token}")


grace = basket_of("tok-grace-91c2").expect(200, json={"user": "grace", "items": [{"sku": "CHS-COMTE", "quantity": 1}]},
                                           why="grace's token shows grace's basket")
cc = parse_cache_control_header(grace.headers.get("Cache-Control"), cls=ResponseCacheControl)
assert (cc.private or cc.no_store) and not cc.public and cc.s_maxage is None, (
    f"GET /basket is one customer's data: private or no-store, never public; got {grace.describe('Cache-Control')}")
assert "authorization" in tokens(grace, "Vary"), (
    f"GET /basket depends on the Authorization header and should say so in Vary; got {grace.describe('Vary')}")
own = check_app(create_app, {"TOKENS": {"tok-test-0001": "linus"}, "BASKETS": {"linus": [{"sku": "BRD-SOUR", "quantity": 3}]}})
own.get("/basket", headers={"Authorization": "Bearer tok-test-0001"}).expect(
    200, json={"user": "linus", "items": [{"sku": "BRD-SOUR", "quantity": 3}]}, why="the test's TOKENS and BASKETS")
own.get("/basket", headers={"Authorization": "Bearer tok-ada-7f3a"}).expect(401, why="the test's TOKENS do not know ada's token")
one("/basket").expect(401, why="no Authorization header")
basket_of("tok-nobody").expect(401, why="an unknown token")
one("/basket", Authorization="Basic YWRhOnRvay1hZGEtN2YzYQ==").expect(401, why="Basic is not a bearer token")
for scheme, valid in (("Token", "tok-ada-7f3a"), ("Basic", "tok-grace-91c2"), ("Digest", "tok-ada-7f3a")):
    one("/basket", Authorization=f"{scheme} {valid}").expect(
        401, why=f"Authorization: {scheme} with a known customer's token is another scheme than Bearer")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: a server-side cache that a write never leaves stale (4 points)
#
# Add two writes (staff authentication is left out of this exercise):
#
# - `PUT /products/<sku>/price` with `{"price_cents": <int of at least 1>}`
#   changes the price with `warehouse.set_price` and answers `200` or `204`
#   (both accepted; the body is up to you); an unknown sku answers `404`, an
#   invalid body `400` or `422` (both at once: any of the three);
# - `POST /promotions` with `{"category": <str>, "percent_off": <int 1 to
#   90>}` calls `warehouse.discount` and answers `200`, `201` or `204`; an
#   invalid body answers `400` or `422`.
#
# Then put a server-side cache in front of the warehouse reads of
# `GET /products/<sku>` and `GET /products`: Flask-Caching's `Cache` with
# `CACHE_TYPE="SimpleCache"`, one cache per app (build it, or `init_app`
# it, inside `create_app`):
#
# - **the cache is used**: asking this app again for an answer it gave
#   before (the same product or listing, the same category, the same
#   language) does not read the warehouse (an unknown sku's `404` may be
#   cached or not, both are accepted);
# - **a write is never followed by a stale read**: once a write has
#   answered, no read through this app shows data from before it, whichever
#   endpoint wrote (a price or a promotion) and whichever answer was cached
#   (the product, a listing, a category, another language). A common design
#   puts a catalogue **version** in every cache key and bumps it on each
#   write, so that no older entry can be reached;
# - **each app has its own cache**: a new app, even over another warehouse
#   holding the same skus, never serves this app's entries.
#
# The tests never change the warehouse behind the app's back; writes by
# other workers are task 5's question.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app

_warehouse = Warehouse()
app = check_app(create_app, {"WAREHOUSE": _warehouse})
app.get("/products/OAT-1KG").expect(200, json_subset={"price_cents": 349})
_before = _warehouse.reads
app.get("/products/OAT-1KG").expect(200, json_subset={"price_cents": 349})
assert _warehouse.reads == _before, (
    f"a second GET /products/OAT-1KG should come from the cache; it read the warehouse {_warehouse.reads - _before} more time(s)"
)
app.put("/products/OAT-1KG/price", json={"price_cents": 379}).expect((200, 204))
app.get("/products/OAT-1KG").expect(200, json_subset={"price_cents": 379}, why="read after the price was set to 379")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
store = Warehouse()
shop = check_app(create_app, {"WAREHOUSE": store})
french = {"Accept-Language": "fr"}


def served_twice(path, headers=None):
    """Read twice; the second read must not reach the warehouse. Returns the JSON."""
    first = shop.get(path, headers=headers or {}).expect(200)
    before = store.reads
    again = shop.get(path, headers=headers or {}).expect(200, json=first.json, why=f"the same request as before: {path}")
    assert store.reads == before, (
        f"GET {path} {'in French ' if headers else ''}a second time should come from the cache; it read the "
        f"warehouse {store.reads - before} more time(s)")
    return again.json


def prices(body):
    return {p["sku"]: p["price_cents"] for p in body["items"]}


def expect_prices(expected, when):
    views = (("/products/YOG-GREEK", None), ("/products/YOG-GREEK", french), ("/products", None),
             ("/products?category=dairy", None), ("/products?category=dairy", french), ("/products/MLK-1L", french))
    for path, headers in views:
        body = shop.get(path, headers=headers or {}).expect(200).json or {}
        seen = prices(body) if "items" in body else {body.get("sku"): body.get("price_cents")}
        got = {sku: cents for sku, cents in seen.items() if sku in expected}
        wanted = {sku: expected[sku] for sku in got}
        assert got == wanted, f"GET {path}{' in French' if headers else ''} {when}: expected prices {wanted}, got {got}"


# The cache is used, for every kind of answer.
assert served_twice("/products/YOG-GREEK")["language"] == "en"
assert served_twice("/products/YOG-GREEK", french)["name"] == "Yaourt a la grecque", "GET /products/YOG-GREEK in French after the English answer was cached should be French"
assert prices(served_twice("/products")) == {p["sku"]: p["price_cents"] for p in SEED_PRODUCTS}
assert sorted(prices(served_twice("/products?category=dairy"))) == ["CHS-COMTE", "MLK-1L", "YOG-GREEK"], (
    "GET /products?category=dairy after GET /products was cached should list only the dairy products")
served_twice("/products?category=dairy", french)
served_twice("/products/MLK-1L", french)

# A write through one endpoint, then the other: no stale read anywhere.
shop.put("/products/YOG-GREEK/price", json={"price_cents": 299}).expect((200, 204), why="a valid new price")
expect_prices({"YOG-GREEK": 299, "MLK-1L": 119, "CHS-COMTE": 1290}, "after PUT /products/YOG-GREEK/price set 299")
assert served_twice("/products/YOG-GREEK", french)["price_cents"] == 299
shop.post("/promotions", json={"category": "dairy", "percent_off": 10}).expect((200, 201, 204), why="a valid promotion")
expect_prices({"YOG-GREEK": 269, "MLK-1L": 107, "CHS-COMTE": 1161}, "after POST /promotions took 10% off dairy")
shop.post("/promotions", json={"category": "bakery", "percent_off": 50}).expect((200, 201, 204), why="a valid promotion")
assert shop.get("/products/BRD-SOUR").expect(200).json["price_cents"] == 225, "GET /products/BRD-SOUR after 50% off bakery should cost 225"

# Refused writes change nothing.
shop.put("/products/NOPE-404/price", json={"price_cents": 100}).expect(404, why="there is no product NOPE-404")
shop.put("/products/NOPE-404/price", json={"price_cents": -5}).expect((400, 404, 422), why="an unknown sku and an invalid price")
for body in ({"price_cents": 0}, {"price_cents": "12"}, {"price_cents": 12.5}, {}, ["price_cents", 5]):
    shop.put("/products/OAT-1KG/price", json=body).expect((400, 422), why=f"{body} is not a valid price")
for body in ({"category": "dairy", "percent_off": 0}, {"category": "dairy", "percent_off": 95}, {"category": "dairy"},
             {"percent_off": 10}, {"category": "dairy", "percent_off": "10"}):
    shop.post("/promotions", json=body).expect((400, 422), why=f"{body} is not a valid promotion")
expect_prices({"YOG-GREEK": 269, "MLK-1L": 107, "CHS-COMTE": 1161}, "after refused writes")

# Each app has its own cache.
cheap = [dict(p, price_cents=1) for p in SEED_PRODUCTS]
other = check_app(create_app, {"WAREHOUSE": Warehouse(cheap)})
other.get("/products/YOG-GREEK").expect(200, json_subset={"price_cents": 1}, why="a new app over a warehouse where everything costs 1")
other.get("/products?category=dairy").expect(200, json_subset={"items": [
    dict(sku=p["sku"], name=p["names"]["en"], category=p["category"], price_cents=1, language="en")
    for p in SEED_PRODUCTS if p["category"] == "dairy"]}, why="a new app over a warehouse where everything costs 1")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# Basketful will run the API as eight gunicorn workers on each of three
# machines, behind a CDN that honours your `Cache-Control` headers. In a
# few sentences: what goes wrong with your server cache there after a price
# change, what would you use instead and how would the version work; and
# what does the CDN do with a price change, and how would you keep a wrong
# price from being shown for too long (and baskets out of it)?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** `SimpleCache` and my version counter live in one
# process: a `PUT` handled by one worker bumps only that worker's version,
# so the 23 other workers keep serving the old price from their own caches
# until the entries expire, and each worker reads the warehouse once per key
# anyway. Use one shared cache instead (`CACHE_TYPE="RedisCache"` with the
# same key prefix on every worker) and keep the version in Redis too: a
# write does the warehouse update and then `INCR catalogue:version`
# (atomic, so two writers never lose a bump); every read does `GET
# catalogue:version` and builds its key from it (`catalogue:v42:product:...`).
# Old entries are never deleted one by one, they simply become unreachable
# and expire with their TTL. Bump after the write commits, never before, or
# a read in between caches the old price under the new version. The CDN
# keeps the catalogue for up to `max-age` whatever the app does: keep
# `max-age` short for prices (a minute or less, maybe `s-maxage` for the CDN
# and `stale-while-revalidate` so it revalidates with our ETags cheaply),
# or purge the product's URLs (or a surrogate key) through the CDN's API on
# each write; the checkout must re-read the price from the warehouse and
# never trust a cached one. Baskets are `private`/`no-store` with `Vary:
# Authorization`, so the CDN never stores them; many CDNs also refuse to
# cache requests with `Authorization` by default, but we do not rely on it.
#
# **Rubric (1 point each).**
# 1. Names the failure: per-process caches (and version) are not shared, so
#    other workers serve stale prices after a write, until their TTL.
# 2. A shared cache (Redis or similar) with the version (or the
#    invalidation) shared and atomic (`INCR`), bumped after the write;
#    old keys expire by TTL.
# 3. The CDN: `max-age` bounds staleness there; a short max-age /
#    `s-maxage` / revalidation with ETags / a purge on write, and a
#    correct price at checkout; baskets stay out through `private` or
#    `no-store`.

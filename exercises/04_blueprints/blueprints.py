# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Blueprints and modularity: the Greenhouse shop
#
# Greenhouse sells gardening supplies. Its Flask app started as one file and
# now serves four audiences: the public shop, the back-office staff, partners
# on a versioned API, and the stock reports the warehouse reads every
# morning. You will give each part its own blueprint, the way a team would
# before splitting the code into packages:
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /health` and a `shop` blueprint under `/shop` | 3 |
# | 2 | index pages whose links are built with `url_for` | 3 |
# | 3 | an `admin` blueprint with its own token check and its own error handler | 4 |
# | 4 | one `api` blueprint served twice, as `/api/v1` and `/api/v2` | 4 |
# | 5 | a `reports` blueprint nested inside `admin` | 3 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})`, talk to
# the app through Flask's test client, and read `app.url_map` and
# `app.blueprints` to check names; any correct design passes.
#
# **Blueprints and the factory.** `create_app` is called once per test, so
# each blueprint is registered on many apps. You may define a blueprint at
# module level, as Flask's tutorial does, or build it in a function that
# `create_app` calls. Either way, finish a blueprint's set-up (routes, hooks,
# error handlers, nested blueprints) before it is first registered: Flask
# refuses set-up calls on a blueprint that has already been registered.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask documentation while you work.

# %% nbgrader={"grade_id": "catalogue", "locked": true}
# The catalogue the app starts with. Do not edit this cell.
SEED_PRODUCTS = [
    {"id": 1, "name": "Tomato seeds", "price": 3.5, "stock": 120},
    {"id": 2, "name": "Watering can", "price": 19.9, "stock": 4},
    {"id": 3, "name": "Pruning shears", "price": 24.0, "stock": 0},
    {"id": 4, "name": "Compost, 40 l", "price": 8.75, "stock": 37},
]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and your blueprints in the cell below.
# Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import hmac

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

### BEGIN SOLUTION
def find_product(product_id):
    """Return the catalogue record with this id, or None."""
    return next((p for p in current_app.config["PRODUCTS"] if p["id"] == product_id), None)


def public(product):
    """The fields anyone may see: stock levels are for staff only."""
    return {"id": product["id"], "name": product["name"], "price": product["price"]}


# Each blueprint is built by a function, so every app gets fresh blueprint
# objects and the same view names can live in several blueprints.
def build_shop():
    shop = Blueprint("shop", __name__, url_prefix="/shop")

    @shop.get("/")
    def index():
        # ".product_list" is this blueprint's endpoint; "index" is the app's.
        return {"products": url_for(".product_list"), "home": url_for("index")}

    @shop.get("/products")
    def product_list():
        return jsonify([public(p) for p in current_app.config["PRODUCTS"]])

    @shop.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            return {"error": "product not found"}, 404
        return public(product)

    return shop


def build_reports():
    reports = Blueprint("reports", __name__, url_prefix="/reports")

    @reports.get("/low-stock")
    def low_stock():
        limit = current_app.config["LOW_STOCK_LIMIT"]
        return jsonify([p for p in current_app.config["PRODUCTS"] if p["stock"] < limit])

    return reports


def build_admin():
    admin = Blueprint("admin", __name__, url_prefix="/admin")

    @admin.before_request
    def require_token():
        sent = request.headers.get("X-Admin-Token", "")
        # compare_digest takes as long for a near miss as for a wild guess.
        if not hmac.compare_digest(sent.encode(), current_app.config["ADMIN_TOKEN"].encode()):
            abort(401)

    # Registered on the blueprint, so only requests routed into admin (and its
    # nested blueprints) get this shape; the rest of the app is unchanged.
    @admin.errorhandler(HTTPException)
    def admin_error(error):
        return {"error": error.name, "status": error.code}, error.code

    @admin.get("/products")
    def product_list():
        return jsonify(current_app.config["PRODUCTS"])

    @admin.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            abort(404)
        return product

    # The child's endpoints become admin.reports.*, under /admin/reports, and
    # the admin token check and error handler apply to it too.
    admin.register_blueprint(build_reports())
    return admin


def build_api():
    api = Blueprint("api", __name__)

    def as_item(product):
        # ".product_detail" resolves within the registration serving this
        # request, so a v2 response links to v2.
        return {**public(product), "url": url_for(".product_detail", product_id=product["id"])}

    @api.get("/products")
    def product_list():
        items = [as_item(p) for p in current_app.config["PRODUCTS"]]
        if request.blueprint == "api_v2":
            return {"items": items, "count": len(items)}
        return jsonify(items)

    @api.get("/products/<int:product_id>")
    def product_detail(product_id):
        product = find_product(product_id)
        if product is None:
            return {"error": "product not found"}, 404
        return as_item(product)

    return api


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=5)
    if test_config is not None:
        app.config.update(test_config)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/")
    def index():
        return {"shop": url_for("shop.index")}

    app.register_blueprint(build_shop())
    app.register_blueprint(build_admin())
    api = build_api()
    app.register_blueprint(api, name="api_v1", url_prefix="/api/v1")
    app.register_blueprint(api, name="api_v2", url_prefix="/api/v2")
    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the factory and the shop blueprint (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with these defaults, then applies
#   `test_config` when one is given: `PRODUCTS = SEED_PRODUCTS`,
#   `ADMIN_TOKEN = "change-me"` (task 3) and `LOW_STOCK_LIMIT = 5` (task 5).
#   Every view reads the catalogue from `current_app.config["PRODUCTS"]`, so
#   a test can pass its own;
# - `GET /health`, on the app itself, answers `200` with `{"status": "ok"}`.
#
# Then write a blueprint named `shop` with the URL prefix `/shop`, and
# register it in `create_app`:
#
# | request | endpoint | answer |
# | --- | --- | --- |
# | `GET /shop/products` | `shop.product_list` | `200`, a JSON list of every product in catalogue order |
# | `GET /shop/products/<int:product_id>` | `shop.product_detail` | `200`, that product |
# | same, unknown id | | `404` with `{"error": "product not found"}` |
#
# The shop shows each product as `{"id", "name", "price"}` only: the `stock`
# field is for staff and must not appear. Answer the shop's 404 from the
# view itself or with an error handler on the `shop` blueprint; the rest of
# the app keeps Flask's default error pages (task 3 relies on that).

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
# Requests here carry the default admin token; task 3 tests what happens without it.
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"
app.get("/health").expect(200, json={"status": "ok"})
app.get("/shop/products/2").expect(200, json={"id": 2, "name": "Watering can", "price": 19.9})
_result = app.get("/shop/products/99").expect(404, why="there is no product 99")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
stock_room = [
    {"id": 7, "name": "Garden gloves", "price": 12.0, "stock": 9},
    {"id": 3, "name": "Rain barrel", "price": 64.5, "stock": 2},
]
app = check_app(create_app, {"PRODUCTS": stock_room})
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"
app.get("/shop/products").expect(
    200,
    json=[{"id": 7, "name": "Garden gloves", "price": 12.0}, {"id": 3, "name": "Rain barrel", "price": 64.5}],
    why="the products of the PRODUCTS setting, in order, without stock",
)
app.get("/shop/products/3").expect(200, json={"id": 3, "name": "Rain barrel", "price": 64.5})
missing = "product 1 is not in this test's catalogue"
app.get("/shop/products/1").expect(404, json={"error": "product not found"}, why=missing)
assert "shop" in app.app.blueprints, (
    f"the app should have a blueprint registered under the name 'shop'; "
    f"registered blueprints: {sorted(app.app.blueprints)}"
)
app.expect_endpoint("/shop/products", "shop.product_list")
arguments = app.expect_endpoint("/shop/products/3", "shop.product_detail")
assert arguments == {"product_id": 3}, (
    f"GET /shop/products/3 should pass product_id=3 as an int, but the router passes {arguments!r}."
)
app.get("/health").expect(200, json={"status": "ok"})
health_endpoint, health_arguments = app.app.url_map.bind("localhost").match("/health")
assert "." not in health_endpoint, (
    f"GET /health should be a route of the app itself, but it goes to the blueprint endpoint "
    f"{health_endpoint!r}"
)
result = app.get("/products").expect(404, why="the shop's URLs all start with /shop")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: links built with `url_for` (3 points)
#
# Clients discover URLs from index documents instead of hard-coding them.
# Add:
#
# | request | endpoint | answer (`200`, JSON) |
# | --- | --- | --- |
# | `GET /` | `index` (on the app) | `{"shop": <URL of shop.index>}` |
# | `GET /shop/` | `shop.index` | `{"products": <URL of shop.product_list>, "home": <URL of index>}` |
#
# So `GET /` answers `{"shop": "/shop/"}` and `GET /shop/` answers
# `{"products": "/shop/products", "home": "/"}`. Each value is a path, as
# `url_for` builds it by default (not an absolute `http://...` URL).
#
# Build every link with `url_for`: in production the app is mounted under a
# sub-path by the web server (`SCRIPT_NAME=/greenhouse`), and then `GET /`
# must answer `{"shop": "/greenhouse/shop/"}`. Inside a blueprint,
# `url_for(".name")` names an endpoint of the same blueprint.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
# Requests here carry the default admin token; task 3 tests what happens without it.
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"
app.get("/").expect(200, json={"shop": "/shop/"})
_result = app.get("/shop/").expect(200, json={"products": "/shop/products", "home": "/"})

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"
mounted = "the app is mounted under /store (SCRIPT_NAME=/store), so every link starts with /store"
app.get("/", base_url="http://localhost/store").expect(200, json={"shop": "/store/shop/"}, why=mounted)
app.get("/shop/", base_url="http://localhost/store").expect(
    200, json={"products": "/store/shop/products", "home": "/store/"}, why=mounted
)
app.expect_url_for("shop.index", "/shop/")
app.expect_endpoint("/", "index")
endpoint_arguments = app.expect_endpoint("/shop/", "shop.index")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: the admin area, with its own guard and its own errors (4 points)
#
# Write a blueprint named `admin` with the URL prefix `/admin`:
#
# | request | endpoint | answer |
# | --- | --- | --- |
# | `GET /admin/products` | `admin.product_list` | `200`, a JSON list of the full records (with `stock`) |
# | `GET /admin/products/<int:product_id>` | `admin.product_detail` | `200`, the full record of that product |
#
# - **Guard.** Every request routed to the admin blueprint must carry the
#   header `X-Admin-Token` with exactly the value of
#   `current_app.config["ADMIN_TOKEN"]`. Check it in a `before_request`
#   hook of the blueprint, so it runs before any admin view. A missing or
#   wrong token answers `401`. The shop, `/`, `/health` and the API of
#   task 4 need no token.
# - **Errors.** Every HTTP error of the admin blueprint, the `401` of the
#   guard included, answers JSON `{"error": <reason phrase>, "status": <code>}`,
#   e.g. `{"error": "Unauthorized", "status": 401}` and, for an unknown
#   product, `{"error": "Not Found", "status": 404}`. The reason phrase is
#   the `name` of Werkzeug's exception.
# - **Scope.** Outside the admin blueprint nothing changes: the shop keeps its
#   own 404 body, and `GET /nope` or `POST /shop/products` still answer Flask's
#   default HTML error pages (404 and 405).
#
# Hint: a blueprint has `before_request` and `before_app_request`,
# `errorhandler` and `app_errorhandler`. Which pair applies to one blueprint
# only?

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 2}
from autograder import check_app

app = check_app(create_app, {"ADMIN_TOKEN": "s3cret-token"})
app.get("/admin/products/3", headers={"X-Admin-Token": "s3cret-token"}).expect(200, json=SEED_PRODUCTS[2])
app.get("/admin/products").expect(
    401, json={"error": "Unauthorized", "status": 401}, why="no X-Admin-Token header was sent"
)
_result = app.get("/shop/products/1").expect(200, why="the shop needs no token")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app, {"ADMIN_TOKEN": "another-t0ken"})
staff = {"X-Admin-Token": "another-t0ken"}
app.get("/admin/products", headers=staff).expect(200, json=SEED_PRODUCTS, why="the full records, stock included")
app.get("/admin/products/1", headers={"X-Admin-Token": "s3cret-token"}).expect(
    401, json={"error": "Unauthorized", "status": 401}, why="the token is wrong: it must equal ADMIN_TOKEN"
)
app.get("/admin/products/1", headers={"X-Admin-Token": ""}).expect(401, why="an empty token is not the token")
app.get("/admin/products/1", headers={"X-Admin-Token": "change-me"}).expect(
    401, why="this app's ADMIN_TOKEN comes from the test config, not the default"
)
app.get("/admin/products/99", headers=staff).expect(
    404, json={"error": "Not Found", "status": 404}, why="an unknown product in the admin area"
)
app.get("/admin/products/99", headers={"X-Admin-Token": "not-the-token"}).expect(
    401, why="the token is checked before any admin view runs, even for an unknown product"
)
app.expect_endpoint("/admin/products", "admin.product_list")
app.expect_endpoint("/admin/products/4", "admin.product_detail")
back_room = [
    {"name": "Hose reel", "id": 21, "price": 39.0, "stock": 6},
    {"name": "Seed drill", "id": 22, "price": 15.5, "stock": 0},
]
own = check_app(create_app, {"ADMIN_TOKEN": "another-t0ken", "PRODUCTS": back_room})
own.get("/admin/products", headers=staff).expect(
    200, json=back_room, why="the admin list shows the catalogue of the PRODUCTS setting"
)
own.get("/admin/products/22", headers=staff).expect(
    200, json=back_room[1], why="product 22 is in the catalogue of the PRODUCTS setting"
)
app.get("/health").expect(200, json={"status": "ok"}, why="/health needs no token")
for path in ("/", "/api/v1/products", "/api/v2/products"):
    reply = app.get(path)
    assert reply.status_code != 401, f"GET {path} needs no token, but without one it answered {reply.describe()}"
shop_404 = {"error": "product not found"}
app.get("/shop/products/99").expect(404, json=shop_404, why="the shop keeps its own 404 body")
app.get("/nope").expect(
    404, is_json=False, why="errors outside the admin blueprint keep Flask's default HTML page"
)
result = app.post("/shop/products").expect(
    405, is_json=False, why="errors outside the admin blueprint keep Flask's default HTML page"
)
default = check_app(create_app)
result = default.get("/admin/products/2", headers={"X-Admin-Token": "change-me"}).expect(
    200, json=SEED_PRODUCTS[1], why="without ADMIN_TOKEN in the test config, the default token is change-me"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: one API blueprint, two versions (4 points)
#
# Partners read the catalogue through an API. Version 2 wraps lists in an
# envelope; version 1 must keep working unchanged. Write **one** blueprint
# object, `Blueprint("api", __name__)`, and register that same object twice:
# under the name `api_v1` with the prefix `/api/v1`, and under the name
# `api_v2` with the prefix `/api/v2`.
#
# | request | endpoint | answer |
# | --- | --- | --- |
# | `GET /api/v1/products` | `api_v1.product_list` | `200`, a JSON list of items |
# | `GET /api/v2/products` | `api_v2.product_list` | `200`, `{"items": [...], "count": <number of items>}` |
# | `GET /api/v1/products/<int:product_id>` | `api_v1.product_detail` | `200`, one item |
# | `GET /api/v2/products/<int:product_id>` | `api_v2.product_detail` | `200`, one item |
# | either, unknown id | | `404` with `{"error": "product not found"}` |
#
# An item is `{"id", "name", "price", "url"}`, where `url` is the path of the
# item's detail **in the same version**: `/api/v1/products/1` in a v1 answer,
# `/api/v2/products/1` in a v2 answer. Build it with `url_for`, so that it
# stays right when the app is mounted under a sub-path (task 2).
#
# Hint: `app.register_blueprint` takes `name=` and `url_prefix=`;
# `request.blueprint` tells a view which registration is serving it.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
# Requests here carry the default admin token; task 3 tests what happens without it.
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"
_v1_items = [
    {"id": p["id"], "name": p["name"], "price": p["price"], "url": f"/api/v1/products/{p['id']}"}
    for p in SEED_PRODUCTS
]
app.get("/api/v1/products").expect(200, json=_v1_items)
_result = app.get("/api/v2/products").expect(200, json_subset={"count": 4})

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
pair = [
    {"id": 5, "name": "Seed tray", "price": 4.2, "stock": 50},
    {"id": 8, "name": "Trowel", "price": 7.0, "stock": 3},
]
app = check_app(create_app, {"PRODUCTS": pair})
app.client.environ_base["HTTP_X_ADMIN_TOKEN"] = "change-me"


def items_of(version):
    """The API items of this test's catalogue, linking to their detail in that version."""
    return [
        {"id": p["id"], "name": p["name"], "price": p["price"], "url": f"/api/{version}/products/{p['id']}"}
        for p in pair
    ]


v2_list = {"items": items_of("v2"), "count": 2}
app.get("/api/v2/products").expect(200, json=v2_list, why="v2 items link to their v2 detail URL")
app.get("/api/v2/products/8").expect(200, json=items_of("v2")[1], why="a v2 item links to v2")
app.get("/api/v1/products/8").expect(200, json=items_of("v1")[1], why="a v1 item links to v1")
app.get("/api/v1/products").expect(200, json=items_of("v1"), why="v1 keeps the bare list")
app.get("/api/v1/products/1").expect(404, json={"error": "product not found"})
app.get("/api/v2/products/1").expect(404, json={"error": "product not found"})
app.get("/api/v2/products/8", base_url="http://localhost/store").expect(
    200, json={**items_of("v2")[1], "url": "/store/api/v2/products/8"},
    why="the app is mounted under /store (SCRIPT_NAME=/store), so the item's url starts with /store",
)
app.expect_endpoint("/api/v1/products", "api_v1.product_list")
app.expect_endpoint("/api/v2/products", "api_v2.product_list")
app.expect_endpoint("/api/v1/products/5", "api_v1.product_detail")
app.expect_endpoint("/api/v2/products/5", "api_v2.product_detail")
app.expect_url_for("api_v2.product_detail", "/api/v2/products/8", product_id=8)
registered = app.app.blueprints
assert {"api_v1", "api_v2"} <= set(registered), (
    f"the app should have blueprints registered under the names 'api_v1' and 'api_v2'; "
    f"registered blueprints: {sorted(registered)}"
)
assert registered["api_v1"] is registered["api_v2"], (
    "'api_v1' and 'api_v2' should be the same Blueprint object registered twice "
    "(app.register_blueprint(api, name=..., url_prefix=...)), but they are two different blueprints."
)
assert registered["api_v1"].name == "api", (
    f"the API blueprint should be created as Blueprint('api', ...), but its name is {registered['api_v1'].name!r}."
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: stock reports, nested inside admin (3 points)
#
# The warehouse reads a report of products that are running out. Write a
# blueprint named `reports` with the URL prefix `/reports`, and register it
# **on the `admin` blueprint** (not on the app):
#
# | request | endpoint | answer |
# | --- | --- | --- |
# | `GET /admin/reports/low-stock` | `admin.reports.low_stock` | `200`, a JSON list of the full records whose `stock` is below `current_app.config["LOW_STOCK_LIMIT"]`, in catalogue order |
#
# Because it is nested, the report sits under `/admin`, needs the admin token
# (a missing or wrong one answers `401`) and uses the admin error shape,
# without a hook or a handler of its own.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder import check_app

app = check_app(create_app, {"ADMIN_TOKEN": "s3cret-token"})
_result = app.get("/admin/reports/low-stock", headers={"X-Admin-Token": "s3cret-token"}).expect(
    200, json=[SEED_PRODUCTS[1], SEED_PRODUCTS[2]], why="stock below 5: products 2 and 3"
)

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app, {"ADMIN_TOKEN": "warehouse-key", "LOW_STOCK_LIMIT": 40})
staff = {"X-Admin-Token": "warehouse-key"}
app.get("/admin/reports/low-stock", headers=staff).expect(
    200, json=[SEED_PRODUCTS[1], SEED_PRODUCTS[2], SEED_PRODUCTS[3]], why="LOW_STOCK_LIMIT is 40 in this test"
)


def refused_like_admin(headers, sent):
    """The report answers a bad token exactly as the admin area does (task 3 checks the admin answer)."""
    try:
        admin = app.get("/admin/products", headers=headers)
    except AssertionError:
        return
    if admin.status_code < 400:
        return
    report = app.get("/admin/reports/low-stock", headers=headers)
    same = (report.status_code, report.response.is_json, report.json) == (
        admin.status_code, admin.response.is_json, admin.json)
    assert same, (
        f"GET /admin/reports/low-stock {sent}\n  expected: the admin area's answer, as GET /admin/products "
        f"{sent} gets: {admin.describe()}\n  got:      {report.describe()}\n"
        "The nested report needs the admin token and uses the admin error shape."
    )


refused_like_admin({"X-Admin-Token": "warehouse-key?"}, "with a wrong token")
refused_like_admin({}, "without a token")
shelf = [
    {"name": "Plant labels", "id": 31, "price": 2.5, "stock": 5},
    {"name": "Twine", "id": 32, "price": 3.0, "stock": 2},
    {"name": "Kneeler", "id": 33, "price": 11.0, "stock": 9},
    {"name": "Cloche", "id": 34, "price": 6.0, "stock": 0},
]
own = check_app(create_app, {"ADMIN_TOKEN": "warehouse-key", "LOW_STOCK_LIMIT": 5, "PRODUCTS": shelf})
own.get("/admin/reports/low-stock", headers=staff).expect(
    200, json=[shelf[1], shelf[3]],
    why="products of the PRODUCTS setting whose stock is below 5; a stock of exactly 5 is not below",
)
default_limit = check_app(create_app, {"ADMIN_TOKEN": "warehouse-key", "PRODUCTS": shelf})
default_limit.get("/admin/reports/low-stock", headers=staff).expect(
    200, json=[shelf[1], shelf[3]], why="without LOW_STOCK_LIMIT in the test config, the limit is 5",
)
app.expect_endpoint("/admin/reports/low-stock", "admin.reports.low_stock")
app.expect_url_for("admin.reports.low_stock", "/admin/reports/low-stock")
assert "admin.reports" in app.app.blueprints, (
    f"the reports blueprint should be registered on the admin blueprint (the app then lists it as "
    f"'admin.reports'); registered blueprints: {sorted(app.app.blueprints)}"
)
result = app.get("/reports/low-stock", headers=staff).expect(404, why="the report lives under /admin only")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# The admin blueprint has its own error handler, yet a back-office developer
# reports: "`GET /admin/products/99` with the token gives your JSON 404, but
# `GET /admin/typo` gives Flask's HTML 404 page, and so does a `DELETE` on
# `/admin/products/1` (a 405)". In a few sentences: why does the admin
# handler not run for those two requests, and what would you change so that
# every error under `/admin` answers the admin JSON shape? Name one more
# thing a blueprint's `before_request` hook does not protect.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Flask picks blueprint hooks and error handlers from the
# blueprint of the *matched URL rule* (`request.blueprints`). For `/admin/typo`
# no rule matches, and for the `DELETE` the rule matches the URL but not the
# method, so the router raises `NotFound` / `MethodNotAllowed` before any
# blueprint is known: only app-level handlers apply, and the admin handler
# never sees them (nor does the admin `before_request`, which is harmless
# here because no view runs). To give every error under `/admin` the admin
# shape, register an app-wide handler (`app.errorhandler(HTTPException)` or
# `admin.app_errorhandler`) that checks `request.path.startswith("/admin/")`
# (or `request.blueprint`) and returns the JSON shape there, falling back to
# the default otherwise; a catch-all rule in the blueprint
# (`/<path:rest>`) covers 404s but not 405s. The `before_request` hook does
# not protect anything outside the blueprint's rules: the static files of the
# app, routes added on the app under `/admin/...`, another blueprint mounted
# at a similar prefix, or a nested blueprint registered elsewhere; it also
# does not run when the router fails, and a `before_request` of a *child*
# blueprint does not protect the parent.
#
# **Rubric (1 point each).**
# 1. Explains that blueprint handlers are chosen from the matched rule's
#    endpoint, and routing errors (404 for no rule, 405 for a wrong method)
#    happen before a blueprint is known, so only app-level handlers run.
# 2. Gives a working fix: an app-level handler that branches on the path or
#    blueprint (or `app_errorhandler`) returning the admin shape, keeping
#    other areas unchanged; a catch-all route alone earns the point only if
#    the 405 case is addressed too.
# 3. Names a real gap of the blueprint hook: routes or static files outside
#    the blueprint's rules (e.g. an app route under `/admin`), or requests
#    the router rejects.

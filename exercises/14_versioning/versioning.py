# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Versioning and deprecation: the Parcelpost tracking API
#
# Parcelpost tracks parcels for online shops. Hundreds of shops call its
# tracking API, version 1, from code nobody there has touched in years. The
# team is shipping version 2 (a renamed field and paginated lists) and wants
# to retire v1, without breaking a single v1 client on the way and with
# numbers that say when v1's traffic has died down.
#
# **The scheme.** The version is the first segment of the URL path: `/v1/...`
# and `/v2/...` are served side by side by the same app, from shared code
# (the same parcels, the same look-ups). A blueprint per version is the
# usual way; one blueprint registered twice (`url_prefix=` and `name=`) or
# method views are fine too. The tests only talk to the app over HTTP.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /health` and v1, exactly as its frozen contract says | 3 |
# | 2 | v2: a renamed field and a pagination envelope | 4 |
# | 3 | `Deprecation`, `Sunset` and `Link` headers on every v1 response | 4 |
# | 4 | request counts per version on `GET /metrics` | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# You use Flask (blueprints, request hooks), the standard library's
# `datetime` and `email.utils`, and `werkzeug.http` (Flask's own HTTP
# helpers); nothing else is needed.
#
# **How this notebook works.** All of your code goes in **one cell**, the
# one marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes.
# Some tests set `PROPAGATE_EXCEPTIONS=False` or add a route of their own.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask documentation, RFC 9745 (`Deprecation`) and RFC 8594
# (`Sunset`) while you work.

# %% nbgrader={"grade_id": "fixtures", "locked": true}
# The data the app starts with and v1's frozen contract. Do not edit this cell.
from datetime import date, datetime, timezone

# Parcels as the database holds them. carrier_ref is internal: no version shows it.
SEED_PARCELS = [
    {"id": 1, "recipient": "Ada Lovelace", "status": "delivered", "eta": date(2025, 3, 1), "carrier_ref": "DHL-88213"},
    {"id": 2, "recipient": "Grace Hopper", "status": "in_transit", "eta": date(2025, 3, 4), "carrier_ref": "UPS-10442"},
    {"id": 3, "recipient": "Alan Turing", "status": "in_transit", "eta": date(2025, 3, 9), "carrier_ref": "DHL-90017"},
]

# When v1 was deprecated, when it stops answering, and where its clients read how to move to v2.
V1_DEPRECATED_AT = datetime(2025, 1, 15, tzinfo=timezone.utc)
V1_SUNSET_AT = datetime(2026, 6, 30, 23, 59, 59, tzinfo=timezone.utc)
V1_MIGRATION_GUIDE = "https://docs.parcelpost.example/api/v1-to-v2"

# v1's contract, frozen: what v1 answered for SEED_PARCELS on the day it shipped,
# as (status, JSON body). Clients parse exactly these shapes.
V1_CONTRACT = {
    "/v1/parcels": (200, [
        {"id": 1, "recipient": "Ada Lovelace", "status": "delivered", "eta": "2025-03-01"},
        {"id": 2, "recipient": "Grace Hopper", "status": "in_transit", "eta": "2025-03-04"},
        {"id": 3, "recipient": "Alan Turing", "status": "in_transit", "eta": "2025-03-09"},
    ]),
    "/v1/parcels/2": (200, {"id": 2, "recipient": "Grace Hopper", "status": "in_transit", "eta": "2025-03-04"}),
    "/v1/parcels/99": (404, {"error": "parcel not found"}),
}

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)`, your blueprints and the functions both
# versions share in the cell below. Start with task 1 and come back here for
# each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import re

from flask import Blueprint, Flask, abort, current_app, jsonify, request
from werkzeug.http import http_date


def v1_parcel(parcel):
    """Return a parcel the way v1 shows it (task 1): id, recipient, status, eta."""
    ### BEGIN SOLUTION
    eta = parcel["eta"]
    return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
            "eta": eta.isoformat() if eta is not None else None}
    ### END SOLUTION


def v2_parcel(parcel):
    """Return a parcel the way v2 shows it (task 2): id, recipient, status, estimated_delivery."""
    ### BEGIN SOLUTION
    eta = parcel["eta"]
    return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
            "estimated_delivery": eta.isoformat() if eta is not None else None}
    ### END SOLUTION


def create_app(test_config=None):
    """Build a new app: defaults, then test_config, then both versions, their headers and counts."""
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(
        PARCELS=SEED_PARCELS,
        V1_DEPRECATED_AT=V1_DEPRECATED_AT,
        V1_SUNSET_AT=V1_SUNSET_AT,
        V1_MIGRATION_GUIDE=V1_MIGRATION_GUIDE,
    )
    if test_config is not None:
        app.config.update(test_config)
    # One counter per app: a new app (a new test, a new worker) starts at zero.
    counts = {"v1": 0, "v2": 0}
    app.extensions["version_counts"] = counts

    def version_of(path):
        for version in ("v1", "v2"):
            if path.startswith(f"/{version}/"):
                return version
        return None

    # What both versions share: they know parcels, not representations.
    def all_parcels():
        return app.config["PARCELS"]

    def find_parcel(parcel_id):
        parcel = next((p for p in all_parcels() if p["id"] == parcel_id), None)
        if parcel is None:
            abort(404)
        return parcel

    def parcel_not_found(error):
        return {"error": "parcel not found"}, 404

    def page_argument(name, default, maximum):
        raw = request.args.get(name)
        if raw is None:
            return default
        if not re.fullmatch(r"[0-9]+", raw) or not 1 <= int(raw) <= maximum:
            abort(400, description=f"{name} must be an integer from 1 to {maximum}")
        return int(raw)

    v1 = Blueprint("v1", __name__, url_prefix="/v1")

    @v1.get("/parcels")
    def v1_list():
        # Frozen: every parcel, no envelope, query parameters ignored.
        return jsonify([v1_parcel(p) for p in all_parcels()])

    @v1.get("/parcels/<int:parcel_id>")
    def v1_detail(parcel_id):
        return v1_parcel(find_parcel(parcel_id))

    v1.register_error_handler(404, parcel_not_found)

    v2 = Blueprint("v2", __name__, url_prefix="/v2")

    @v2.get("/parcels")
    def v2_list():
        page = page_argument("page", 1, maximum=10**9)
        per_page = page_argument("per_page", 10, maximum=50)
        parcels = all_parcels()
        start = (page - 1) * per_page
        items = [v2_parcel(p) for p in parcels[start:start + per_page]]
        return {"items": items, "page": page, "per_page": per_page, "total": len(parcels)}

    @v2.get("/parcels/<int:parcel_id>")
    def v2_detail(parcel_id):
        return v2_parcel(find_parcel(parcel_id))

    @v2.errorhandler(400)
    def v2_bad_request(error):
        return {"error": error.description}, 400

    v2.register_error_handler(404, parcel_not_found)

    app.register_blueprint(v1)
    app.register_blueprint(v2)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.after_request
    def deprecate_v1(response):
        # An app-level hook, matched by path: it also runs for the router's 404
        # and 405 and for a 500, where no blueprint is known.
        if version_of(request.path) == "v1":
            response.headers["Deprecation"] = f"@{int(app.config['V1_DEPRECATED_AT'].timestamp())}"
            # http_date converts an aware datetime to GMT.
            response.headers["Sunset"] = http_date(app.config["V1_SUNSET_AT"])
            response.headers.add("Link", f'<{app.config["V1_MIGRATION_GUIDE"]}>; rel="deprecation"; type="text/html"')
        return response

    @app.before_request
    def count_request():
        # before_request of the app runs for every request, also when routing
        # failed (404, 405) or the view is about to fail.
        version = version_of(request.path)
        if version is not None:
            counts[version] += 1

    @app.get("/metrics")
    def metrics():
        lines = [
            "# HELP api_requests_total Requests to each API version, errors included.",
            "# TYPE api_requests_total counter",
            *(f'api_requests_total{{version="{version}"}} {count}' for version, count in counts.items()),
        ]
        return "\n".join(lines) + "\n", 200, {"Content-Type": "text/plain; version=0.0.4; charset=utf-8"}

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: v1, exactly as its contract says (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `PARCELS = SEED_PARCELS`, `V1_DEPRECATED_AT`, `V1_SUNSET_AT` and
#   `V1_MIGRATION_GUIDE` (config keys named like the constants of the
#   fixtures cell, with their values), then applies `test_config` when one
#   is given;
# - `GET /health` answers `200` with `{"status": "ok"}`; it belongs to no
#   version;
# - `GET /v1/parcels` answers `200` with a JSON list of every parcel of
#   `PARCELS`, in the list's order, each one as `v1_parcel` describes:
#   exactly the members `id`, `recipient`, `status` and `eta`, the date
#   written `"YYYY-MM-DD"`, or `null` when the parcel's `eta` is `None`.
#   v1 never had pagination: it lists every parcel, however many there are,
#   and ignores query parameters;
# - `GET /v1/parcels/<id>` answers `200` with that parcel in the same shape,
#   or `404` with exactly `{"error": "parcel not found"}`. An id that is not
#   a number (`/v1/parcels/abc`) answers `404`, with that body or with the
#   router's own 404 page: both are accepted.
#
# `V1_CONTRACT` holds v1's answers for `SEED_PARCELS`. The tests compare the
# JSON you send with those answers, and with the same shapes for other
# parcels: no member more, none missing, the same types.
#
# Careful: Flask's JSON writes a `date` as an HTTP date
# (`"Sat, 01 Mar 2025 00:00:00 GMT"`), which is not what v1 clients parse.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/health").expect(200, json={"status": "ok"})
for _path, (_status, _body) in V1_CONTRACT.items():
    app.get(_path).expect(_status, json=_body, why="v1's frozen contract (V1_CONTRACT)")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
parcels = [
    {"id": 40 + n, "recipient": f"Shop customer {n}", "status": "in_transit", "eta": date(2025, 4, n),
     "carrier_ref": f"GLS-{n}"}
    for n in range(1, 13)
]
parcels[3]["eta"] = None
parcels[3]["status"] = "label_created"
parcels[5]["warehouse"] = "Leipzig hub"
parcels.reverse()
app = check_app(create_app, {"PARCELS": parcels})


def shown(parcel):
    eta = parcel["eta"]
    return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
            "eta": eta.isoformat() if eta else None}


app.get("/v1/parcels/44").expect(
    200, json={"id": 44, "recipient": "Shop customer 4", "status": "label_created", "eta": None},
    why="parcel 44 has no eta yet: v1 shows \"eta\": null",
)
contract = [shown(p) for p in parcels]
for query in ("", "?page=2&per_page=5"):
    reply = app.get(f"/v1/parcels{query}")
    listed = reply.json
    assert isinstance(listed, list) and len(listed) == 12, (
        f"GET /v1/parcels{query} should list all 12 parcels of this test's PARCELS (v1 has no pagination and "
        f"ignores page and per_page), got {len(listed) if isinstance(listed, list) else 'no list'}: {reply.describe()}"
    )
    reply.expect(
        200, json=contract,
        why="all 12 parcels of this test's PARCELS, in the list's order and in v1's shape: only id, recipient, "
            "status and eta, whatever else is stored (null for a parcel without eta)",
    )
app.get("/v1/parcels/46").expect(
    200, json={"id": 46, "recipient": "Shop customer 6", "status": "in_transit", "eta": "2025-04-06"},
    why="parcel 46 is stored with an internal warehouse member as well: v1 shows only id, recipient, status and eta",
)
app.get("/v1/parcels/7").expect(404, json={"error": "parcel not found"}, why="no parcel 7 in this test's PARCELS")
app.get("/v1/parcels/abc").expect(404, why="abc is not a parcel id (the JSON 404 or the router's 404 page)")
seed_parcel = app.get("/v1/parcels/1")
seed_parcel.expect(404, json={"error": "parcel not found"},
                   why="this test's PARCELS replaces SEED_PARCELS, which had parcel 1")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: v2, a renamed field and pages (4 points)
#
# v2 serves the same parcels, with two changes its users asked for:
#
# - a parcel is `{"id", "recipient", "status", "estimated_delivery"}`:
#   `eta` renamed, with the same values (`"YYYY-MM-DD"` or `null`), and no
#   `eta` member any more;
# - `GET /v2/parcels` answers `200` with one page:
#   `{"items": [...], "page": <page>, "per_page": <per_page>, "total": <number of parcels>}`.
#   The query parameters `page` (from 1, default 1) and `per_page` (from 1
#   to 50, default 10) choose the page; `items` are the parcels of that page,
#   in the order of `PARCELS`. A page past the end has `"items": []` and is
#   still a `200`;
# - a `page` or `per_page` that is not a whole number in its range (such as
#   `0`, `-1`, `abc`, `1.5` or `51` for `per_page`) answers `400` (`422` is
#   accepted too) with a JSON object that has an `error` member (any
#   message). Digits with leading zeros (`02`) are a whole number; a sign
#   or spaces (`+2`, ` 2`) may be refused that way or read as the number:
#   both are accepted;
# - `GET /v2/parcels/<id>` answers `200` with the parcel, or `404` with
#   `{"error": "parcel not found"}`; an id that is not a number answers
#   `404` as in v1.
#
# v1 keeps answering exactly as task 1 says: share the look-ups between the
# versions, not the representations.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/v2/parcels?per_page=2").expect(200, json={
    "items": [
        {"id": 1, "recipient": "Ada Lovelace", "status": "delivered", "estimated_delivery": "2025-03-01"},
        {"id": 2, "recipient": "Grace Hopper", "status": "in_transit", "estimated_delivery": "2025-03-04"},
    ],
    "page": 1, "per_page": 2, "total": 3,
}, why="the first page of two of the three SEED_PARCELS")
app.get("/v2/parcels/3").expect(
    200, json={"id": 3, "recipient": "Alan Turing", "status": "in_transit", "estimated_delivery": "2025-03-09"},
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
parcels = [
    {"id": 40 + n, "recipient": f"Shop customer {n}", "status": "in_transit", "eta": date(2025, 4, n),
     "carrier_ref": f"GLS-{n}"}
    for n in range(1, 13)
]
parcels[3]["eta"] = None
parcels.reverse()
app = check_app(create_app, {"PARCELS": parcels})


def shown(parcel):
    eta = parcel["eta"]
    return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
            "estimated_delivery": eta.isoformat() if eta else None}


everything = [shown(p) for p in parcels]
for query, page, per_page, items in (
    ("", 1, 10, everything[:10]),
    ("?page=2", 2, 10, everything[10:]),
    ("?page=2&per_page=5", 2, 5, everything[5:10]),
    ("?per_page=50", 1, 50, everything),
    ("?page=3", 3, 10, []),
    ("?page=2&per_page=12", 2, 12, []),
):
    app.get(f"/v2/parcels{query}").expect(
        200, json={"items": items, "page": page, "per_page": per_page, "total": 12},
        why=f"page {page} of {per_page} of this test's 12 parcels, in the order of PARCELS",
    )
app.get("/v2/parcels/44").expect(
    200, json={"id": 44, "recipient": "Shop customer 4", "status": "in_transit", "estimated_delivery": None},
    why="parcel 44 has no eta yet",
)
app.get("/v2/parcels/7").expect(404, json={"error": "parcel not found"}, why="no parcel 7 in this test's PARCELS")
app.get("/v2/parcels/abc").expect(404, why="abc is not a parcel id (the JSON 404 or the router's 404 page)")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
for query in ("page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=51", "per_page=ten",
              "per_page=-5", "page=2&per_page=100"):
    reply = app.get(f"/v2/parcels?{query}").expect(
        (400, 422), is_json=True, why="a page or per_page outside its range is refused with a JSON error",
    )
    assert isinstance(reply.json, dict) and "error" in reply.json, (
        f"GET /v2/parcels?{query} should answer a JSON object with an 'error' member, got {reply.describe()}"
    )
app.get("/v2/parcels?page=1&per_page=50").expect(200, why="per_page 50 is the largest allowed")
app.get("/v2/parcels?page=02&per_page=1").expect(
    200, json_subset={"page": 2, "per_page": 1}, why="page 02 is page 2 (leading zeros are still a whole number)",
)
for query, shown_as in (("page=%2B2", "page=+2"), ("page=%202", "page= 2 (a space before the 2)")):
    reply = app.get(f"/v2/parcels?{query}&per_page=1")
    if reply.status_code == 200:
        reply.expect(200, json_subset={"page": 2}, why=f"{shown_as} is either refused (400 or 422) or read as page 2")
    else:
        reply.expect((400, 422), is_json=True, why=f"{shown_as} is either refused with a JSON error or read as page 2")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: tell v1 clients that it is going away (4 points)
#
# Every response to a path that starts with `/v1/`, whatever its status (a
# parcel, the `404` of an unknown parcel, the router's `404` for a path such
# as `/v1/nope`, a `405`, even a `500`), carries three headers built from the
# app's config:
#
# - `Deprecation: @<V1_DEPRECATED_AT in Unix seconds>`: RFC 9745's
#   structured-field date, `@` and then an integer, for example
#   `Deprecation: @1736899200` for the default;
# - `Sunset: <V1_SUNSET_AT as an HTTP-date>` (RFC 8594), for example
#   `Sunset: Tue, 30 Jun 2026 23:59:59 GMT`. The config's datetimes are
#   timezone-aware but not always in UTC; an HTTP-date is always in GMT;
# - `Link: <V1_MIGRATION_GUIDE>; rel="deprecation"`. You may add parameters
#   such as `type="text/html"` and other links, in the same `Link` header or
#   in another one.
#
# The tests read `Sunset` as any valid HTTP-date and `Link` with a parser,
# so spacing and the order of parameters do not matter. Only the headers
# change: v1's bodies stay as task 1 says. No other response carries
# `Deprecation`, `Sunset` or a `deprecation` link: not v2's, not `/health`'s.
#
# Some tests add a route under `/v1/` that raises an exception, with
# `PROPAGATE_EXCEPTIONS=False` so that Flask answers it with a `500`.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from werkzeug.http import parse_date, parse_list_header, parse_options_header

from autograder import check_app

app = check_app(create_app)
_reply = app.get("/v1/parcels/1").expect(200, headers={"Deprecation": "@1736899200"})
assert parse_date(_reply.headers.get("Sunset")) == V1_SUNSET_AT, (
    f"GET /v1/parcels/1 should carry Sunset: Tue, 30 Jun 2026 23:59:59 GMT (V1_SUNSET_AT as an HTTP-date), "
    f"got {_reply.describe('Sunset')}"
)
_links = [parse_options_header(_link) for _link in parse_list_header(", ".join(_reply.headers.getlist("Link")))]
assert any(
    _target == f"<{V1_MIGRATION_GUIDE}>" and "deprecation" in _params.get("rel", "").lower().split()
    for _target, _params in _links
), (
    f'GET /v1/parcels/1 should carry Link: <{V1_MIGRATION_GUIDE}>; rel="deprecation", '
    f"got {_reply.describe('Link')}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
from werkzeug.http import parse_date, parse_list_header, parse_options_header

from autograder import check_app

### BEGIN HIDDEN TESTS
from datetime import timedelta

berlin = timezone(timedelta(hours=2))
deprecated = datetime(2024, 11, 5, 9, 30, 15, tzinfo=berlin)
sunset = datetime(2027, 1, 1, 0, 30, tzinfo=berlin)
guide = "https://parcelpost.example/help/moving-to-v2"
config = {"V1_DEPRECATED_AT": deprecated, "V1_SUNSET_AT": sunset, "V1_MIGRATION_GUIDE": guide,
          "PROPAGATE_EXCEPTIONS": False}


def deprecation_links(reply):
    found = []
    for link in parse_list_header(", ".join(reply.headers.getlist("Link"))):
        target, params = parse_options_header(link)
        if "deprecation" in params.get("rel", "").lower().split():
            found.append(target)
    return found


def crash():
    raise RuntimeError("the tracking database is down")


app = check_app(create_app, config)
app.app.add_url_rule("/v1/_test/crash", "test_crash", crash)
for method, path, status in (
    ("GET", "/v1/parcels", 200),
    ("GET", "/v1/parcels/2?fields=all", 200),
    ("GET", "/v1/parcels/99", 404),
    ("GET", "/v1/nope", 404),
    ("DELETE", "/v1/parcels/1", 405),
    ("GET", "/v1/_test/crash", 500),
):
    reply = app.request(method, path).expect(status)
    assert reply.headers.get("Deprecation") == "@1730791815", (
        f"{method} {path} should carry Deprecation: @1730791815 (this test's V1_DEPRECATED_AT, "
        f"2024-11-05 09:30:15 at UTC+2, in Unix seconds), got {reply.describe('Deprecation')}"
    )
    assert parse_date(reply.headers.get("Sunset")) == sunset, (
        f"{method} {path} should carry Sunset: Thu, 31 Dec 2026 22:30:00 GMT (this test's V1_SUNSET_AT, "
        f"2027-01-01 00:30 at UTC+2, as an HTTP-date in GMT), got {reply.describe('Sunset')}"
    )
    assert f"<{guide}>" in deprecation_links(reply), (
        f'{method} {path} should carry Link: <{guide}>; rel="deprecation" (this test\'s V1_MIGRATION_GUIDE), '
        f"got {reply.describe('Link')}"
    )

for method, path in (("GET", "/v2/parcels"), ("GET", "/v2/parcels/1"), ("GET", "/v2/nope"), ("GET", "/health"),
                     ("GET", "/v10/parcels"), ("GET", "/v1beta/parcels")):
    reply = app.request(method, path)
    assert "Deprecation" not in reply.headers and "Sunset" not in reply.headers and not deprecation_links(reply), (
        f"{method} {path} does not start with /v1/, so it should carry no Deprecation, Sunset or deprecation link, "
        f"got {reply.describe('Deprecation')}; Sunset: {reply.headers.get('Sunset')}; "
        f"Link: {reply.headers.get('Link')}"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: how many clients still call v1? (4 points)
#
# The team will switch v1 off when its traffic has died down, and wants an
# alert if it does not. Count requests per version, per app (a new app
# starts at zero):
#
# - every request whose path starts with `/v1/` counts for v1, and `/v2/`
#   for v2, whatever the answer: a success, a `404` (an unknown parcel or an
#   unknown path such as `/v2/nope`), a `405`, v2's `400`;
# - no other request counts: not `/health`, not `/metrics`, not `/`;
# - `GET /metrics` answers `200` with `Content-Type: text/plain` (parameters
#   such as `charset` allowed), in the Prometheus text format, with one
#   sample per version, both always present:
#
# ```
# api_requests_total{version="v1"} 3
# api_requests_total{version="v2"} 0
# ```
#
# Comment lines (`# HELP`, `# TYPE`) and other metrics may be there too; a
# value may be written `3` or `3.0`.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
import re

from autograder import check_app


def _samples(reply):
    """The api_requests_total samples of a /metrics answer, by version."""
    _found = {}
    for _line in reply.text.splitlines():
        _match = re.fullmatch(r'\s*api_requests_total\s*\{\s*version\s*=\s*"(v[12])"\s*,?\s*\}\s+(\S+)(\s+\S+)?\s*', _line)
        if _match:
            _found[_match[1]] = float(_match[2])
    return _found


app = check_app(create_app)
app.get("/v1/parcels")
app.get("/v1/parcels/1")
app.get("/v2/parcels")
_reply = app.get("/metrics").expect(200)
assert _reply.response.mimetype == "text/plain", f"GET /metrics should answer text/plain, got {_reply.describe()}"
assert _samples(_reply) == {"v1": 2, "v2": 1}, (
    "after GET /v1/parcels, GET /v1/parcels/1 and GET /v2/parcels on a new app, /metrics should show "
    f'api_requests_total{{version="v1"}} 2 and api_requests_total{{version="v2"}} 1, got {_reply.describe()}'
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
import re

from autograder import check_app

### BEGIN HIDDEN TESTS
def samples(reply):
    found = {}
    for line in reply.text.splitlines():
        match = re.fullmatch(r'\s*api_requests_total\s*\{\s*version\s*=\s*"(v[12])"\s*,?\s*\}\s+(\S+)(\s+\S+)?\s*', line)
        if match:
            found[match[1]] = float(match[2])
    return found


def expect_counts(app, v1, v2, after):
    scraped = app.get("/metrics")
    scraped.expect(200)
    assert samples(scraped) == {"v1": v1, "v2": v2}, (
        f'after {after}, /metrics should show api_requests_total{{version="v1"}} {v1} and '
        f'api_requests_total{{version="v2"}} {v2}, got {scraped.describe()}'
    )


app = check_app(create_app, {"PROPAGATE_EXCEPTIONS": False})
expect_counts(app, 0, 0, "no request yet on a new app (both versions are listed, at 0)")
sent = []
for method, path in (
    ("GET", "/v1/parcels/99"), ("GET", "/v1/nope"), ("DELETE", "/v1/parcels/1"), ("GET", "/v1/parcels"),
    ("GET", "/v2/parcels?page=abc"), ("GET", "/v2/nope"), ("GET", "/v2/parcels/99"), ("POST", "/v2/parcels"),
    ("GET", "/v2/parcels/1"), ("GET", "/health"), ("GET", "/"), ("GET", "/favicon.ico"),
    ("GET", "/v10/parcels"), ("GET", "/v2beta/parcels"),
):
    app.request(method, path)
    sent.append(f"{method} {path}")
expect_counts(app, 4, 5, "; ".join(sent) + " (errors count; paths that do not start with /v1/ or /v2/, "
              "such as /v10/parcels or /v2beta/parcels, do not)")
expect_counts(app, 4, 5, "the same requests and two GET /metrics (which count for no version)")

other = check_app(create_app)
other.get("/v2/parcels")
expect_counts(other, 0, 1, "a single GET /v2/parcels on a second, new app: each app counts its own requests")

first = check_app(create_app)
second = check_app(create_app)
first.get("/v1/parcels")
first.get("/v1/parcels/1")
expect_counts(second, 0, 0, "building two apps, then GET /v1/parcels and GET /v1/parcels/1 on the first one only "
              "(the second app has had no request)")
expect_counts(first, 2, 0, "building two apps, then two v1 requests on the first one")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your team lead (3 points, graded by hand)
#
# v1's sunset is six weeks away, and `api_requests_total{version="v1"}`
# still grows by about 2,000 requests a day. In a few sentences:
#
# 1. What should `/v1/...` answer once the sunset date has passed, and why
#    that rather than deleting the v1 routes?
# 2. How do you find out *who* still calls v1, and what can the counter of
#    task 4 not tell you?
# 3. A teammate proposes versioning by media type instead
#    (`Accept: application/vnd.parcelpost.v2+json`) with one set of URLs.
#    Name one advantage and one cost.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** After the sunset, `/v1/...` should answer `410 Gone`
# with a short JSON body that names v2 and links the migration guide (the
# `Link` header can stay): a client's logs then say "this API version was
# retired, here is where to go", whereas deleting the routes gives a `404`
# that looks like a typo or an outage, and a catch-all route is also where
# you keep counting the stragglers. Often a team first runs scheduled
# "brown-outs" (v1 answers 410 for an hour) before the final date.
# The counter says how much v1 traffic there is, not who sends it: log (or
# count, with bounded cardinality) the API key / client id, the
# `User-Agent` and the endpoint of each v1 request, and contact those
# clients; the `Deprecation`/`Sunset` headers only help clients whose code
# reads them. A counter per process also resets on restart and is summed
# over workers by the monitoring system (`rate()` of a counter), so it
# cannot say when one client stopped.
# Media-type versioning keeps one URL per resource (links and bookmarks
# do not change between versions, and a client can move resource by
# resource), but every cache must key on `Accept` (`Vary: Accept`, which
# many CDNs handle badly), requests are harder to try in a browser or curl,
# the version is invisible in access logs and routing rules unless you log
# the header, and the "which version" decision moves from Flask's router
# into your own negotiation code (also for the `Deprecation` headers and
# the counts).
#
# **Rubric (1 point each).**
# 1. `410 Gone` (or a documented error that names v2) instead of a bare
#    `404`, with a reason: clients and their logs can tell retired from
#    missing, the migration link stays, traffic can still be counted.
# 2. Identifies callers through per-client data (API keys, client ids,
#    User-Agent, logs) and names a limit of the counter (no client identity,
#    per-process/reset, or only totals).
# 3. One genuine advantage (stable URLs, per-resource evolution) and one
#    genuine cost (caching and `Vary: Accept`, harder to test by hand or
#    to see in logs, negotiation code to maintain).

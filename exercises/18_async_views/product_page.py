# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Async views for the Larder product page: four services at once, timeouts and fallbacks
#
# Larder is an online grocer. Its mobile app shows a **product page** built by
# a small Flask service (a "backend for frontend") from four internal
# services: the **catalog** (name, brand, weight), **pricing**, **reviews** and
# **stock**. Each lives on another machine and answers in tens of
# milliseconds on a good day; on a bad day one of them hangs or fails. Today
# the page calls them one after the other and waits as long as they take, so
# one sick service takes the whole page down. You will fix that with
# `async def` views.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory and `GET /products/<sku>`, an async view over the catalog | 2 |
# | 2 | `GET /products/<sku>/page`: the four calls running at the same time | 3 |
# | 3 | a time limit on each call: a hung service costs only its own section | 3 |
# | 4 | a failing service costs only its own section, and is logged | 3 |
# | 5 | the catalog is required: fail fast, and stop the other calls | 3 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The four services are **fake async clients** given below (do
# not edit them): `await client.fetch(sku)` returns a dict after a few turns
# of the event loop, and every client writes what happens to an event list
# (`start`, `end`, `failed`, `cancelled`). The tests pass clients of their
# own in `test_config["UPSTREAMS"]`, some of them hanging or failing, and
# read the event list to see **in which order** your calls started and
# ended: that, not a stopwatch, shows whether they ran at the same time. In
# production these would be HTTP clients (`httpx.AsyncClient`, `aiohttp`)
# talking to real servers; here nothing needs a network.
#
# You use Flask 3 and its support for `async def` views (it comes with
# `asgiref`, installed), and the standard library's `asyncio` and `logging`.
# Flask runs each async view by starting **a fresh event loop in a thread**
# for that one request (asgiref's `async_to_sync`) and waits for it: the
# calls inside one request run concurrently, the request itself still holds
# its worker thread until it is done. Because the notebook's kernel already
# runs an event loop in its own thread, Flask refuses to call an async view
# from a cell directly ("You cannot use AsyncToSync in the same thread as an
# async event loop"): the tests send each request from a worker thread, as a
# WSGI server does, and so does `try_request(app, path)` below when you want
# to try your app yourself.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask and Python (`asyncio`, `logging`) documentation while you work.

# %% nbgrader={"grade_id": "services", "locked": true}
# The four services, faked. Given: do not edit this cell.
import asyncio
import copy
import threading

HANG_SECONDS = 2.0  # how long a hung fake takes before it answers at last

SEED_RECORDS = {
    "catalog": {
        "TEA-001": {"name": "Assam breakfast tea", "brand": "Leaf & Co", "grams": 250},
        "MUG-014": {"name": "Enamel camping mug", "brand": "Trailside", "grams": 180},
        "KET-200": {"name": "Stovetop kettle", "brand": "Trailside", "grams": 900},
    },
    "pricing": {
        "TEA-001": {"amount": 450, "currency": "GBP"},
        "MUG-014": {"amount": 1200, "currency": "GBP"},
        "KET-200": {"amount": 3495, "currency": "GBP"},
    },
    "reviews": {
        "TEA-001": {"average": 4.6, "count": 212},
        "MUG-014": {"average": 4.1, "count": 38},
        "KET-200": {"average": 3.9, "count": 7},
    },
    "stock": {
        "TEA-001": {"available": 37},
        "MUG-014": {"available": 0},
        "KET-200": {"available": 5},
    },
}


class UpstreamError(Exception):
    """A service answered with an error (a 5xx, a dropped connection)."""


class UpstreamNotFound(Exception):
    """The service knows no such SKU (its 404)."""


class FakeUpstream:
    """One fake async service client: `await client.fetch(sku)` returns a copy of that SKU's dict.

    Every call appends events to `events` (one list, shared by the clients of one app):
    ("start", name, sku) when it begins, then exactly one of ("end", name, sku) when it
    answers, ("failed", name, sku) when it raises, ("cancelled", name, sku) when it is cancelled.

    Options: `steps` is how many turns of the event loop a call takes; `hang=True` makes it
    sleep HANG_SECONDS before answering; `delay` makes it sleep that many seconds first;
    `fail` is an exception class it raises instead of answering. An unknown SKU raises
    UpstreamNotFound.
    """

    def __init__(self, name, records, events, *, steps=10, hang=False, delay=0.0, fail=None):
        self.name, self.records, self.events = name, records, events
        self.steps, self.hang, self.delay, self.fail = steps, hang, delay, fail

    async def fetch(self, sku):
        self.events.append(("start", self.name, sku))
        try:
            for _ in range(self.steps):
                await asyncio.sleep(0)  # other calls run meanwhile
            if self.hang:
                await asyncio.sleep(HANG_SECONDS)
            elif self.delay:
                await asyncio.sleep(self.delay)
            if self.fail is not None:
                raise self.fail(f"{self.name} failed for {sku}")
            if sku not in self.records:
                raise UpstreamNotFound(f"{self.name} knows no {sku}")
        except asyncio.CancelledError:
            self.events.append(("cancelled", self.name, sku))
            raise
        except Exception:
            self.events.append(("failed", self.name, sku))
            raise
        self.events.append(("end", self.name, sku))
        return copy.deepcopy(self.records[sku])


def make_upstreams(events=None, records=None, **options):
    """A new set of the four clients, {"catalog": ..., "pricing": ..., "reviews": ..., "stock": ...}.

    They share the list `events` (a new one when None) and answer from `records`
    (SEED_RECORDS when None). `options` maps a service's name to its FakeUpstream
    options, for instance make_upstreams(reviews={"hang": True}).
    """
    events = [] if events is None else events
    records = SEED_RECORDS if records is None else records
    return {name: FakeUpstream(name, records.get(name, {}), events, **options.get(name, {}))
            for name in ("catalog", "pricing", "reviews", "stock")}


def try_request(app, path, method="GET"):
    """Send one request to `app` from a worker thread (see the introduction) and return the response."""
    box = {}

    def send():
        try:
            box["response"] = app.test_client().open(path, method=method)
        except BaseException as exc:
            box["error"] = exc

    worker = threading.Thread(target=send, daemon=True)
    worker.start()
    worker.join()
    if "error" in box:
        raise box["error"]
    return box["response"]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and everything it needs in the cell
# below. Start with task 1 and come back here for each task. To try it:
# `try_request(create_app(), "/products/TEA-001/page").get_json()`.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import asyncio
import logging

from flask import Flask, jsonify

log = logging.getLogger("larder.upstreams")
OPTIONAL = ("pricing", "reviews", "stock")

### BEGIN SOLUTION
async def fetch_with_timeout(client, sku, timeout):
    # wait_for cancels the call when its time is up: a hung service is not left running.
    return await asyncio.wait_for(client.fetch(sku), timeout)


async def fetch_optional(name, client, sku, timeout):
    """The section of one optional service, or None when it failed or took too long (logged)."""
    try:
        return await fetch_with_timeout(client, sku, timeout)
    except TimeoutError:
        log.warning("upstream %s timed out after %s s for %s", name, timeout, sku)
    except Exception:  # any failure of an optional service costs only its own section
        log.warning("upstream %s failed for %s", name, sku, exc_info=True)
    return None


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(UPSTREAMS=make_upstreams(), UPSTREAM_TIMEOUT=0.5)
    if test_config is not None:
        app.config.update(test_config)

    @app.get("/products/<sku>")
    async def product(sku):
        try:
            return await app.config["UPSTREAMS"]["catalog"].fetch(sku)
        except UpstreamNotFound:
            return jsonify(error=f"no product {sku}"), 404

    @app.get("/products/<sku>/page")
    async def product_page(sku):
        upstreams = app.config["UPSTREAMS"]
        timeout = app.config["UPSTREAM_TIMEOUT"]
        # Start the optional calls first, then wait for the catalog: all four run at once.
        tasks = {name: asyncio.create_task(fetch_optional(name, upstreams[name], sku, timeout))
                 for name in OPTIONAL}
        try:
            catalog = await fetch_with_timeout(upstreams["catalog"], sku, timeout)
        except UpstreamNotFound:
            status, message = 404, f"no product {sku}"
        except Exception:
            log.error("upstream catalog failed for %s: the page cannot be built", sku, exc_info=True)
            status, message = 503, "the product catalog is unavailable, try again shortly"
        else:
            sections = dict(zip(tasks, await asyncio.gather(*tasks.values())))
            missing = [name for name, section in sections.items() if section is None]
            return {"sku": sku, "catalog": catalog, **sections, "partial": bool(missing), "missing": missing}
        # Without the catalog there is no page: stop the other calls instead of waiting for them.
        for task in tasks.values():
            task.cancel()
        await asyncio.gather(*tasks.values(), return_exceptions=True)
        return jsonify(error=message), status

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the factory and an async view over the catalog (2 points)
#
# - `create_app(test_config=None)` sets the defaults `UPSTREAMS =
#   make_upstreams()` (a new set of clients for each app) and
#   `UPSTREAM_TIMEOUT = 0.5` (seconds, used from task 3 on), then applies
#   `test_config`, when given, on top: its values replace the defaults.
#   `create_app()` without an argument works too. Views use
#   `app.config["UPSTREAMS"]`, never clients of their own.
# - `GET /products/<sku>` is an `async def` view that awaits the catalog
#   client's `fetch(sku)` once and answers `200` with the dict it returns as
#   the JSON body.
# - When the catalog raises `UpstreamNotFound`, it answers `404` with a JSON
#   object holding an `error` member, a string of your choice.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder.async_views import check_async_app

app = check_async_app(create_app)
app.get("/products/TEA-001").expect(200, json=SEED_RECORDS["catalog"]["TEA-001"], why="the catalog's record of TEA-001")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder.async_views import check_async_app

### BEGIN HIDDEN TESTS
import inspect

from autograder._guard import guarded

seen = []
own = {"catalog": {"CUP-77": dict(name="Porcelain cup", brand="Whitfield", grams=210)}}
probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, own), "UPSTREAM_TIMEOUT": 2.5})
given_limit = probe.app.config.get("UPSTREAM_TIMEOUT")
assert given_limit == 2.5, (
    "create_app with a test_config of UPSTREAM_TIMEOUT = 2.5 should build an app whose config holds 2.5 "
    f"(test_config is applied over the defaults); it holds {given_limit!r}"
)
probe.get("/products/CUP-77").expect(
    200, json={"name": "Porcelain cup", "brand": "Whitfield", "grams": 210},
    why="the test's own catalog client, passed in UPSTREAMS, knows CUP-77",
)
assert seen == [("start", "catalog", "CUP-77"), ("end", "catalog", "CUP-77")], (
    "GET /products/CUP-77 should call the catalog client of test_config['UPSTREAMS'] once, and no other "
    f"service; its clients saw {seen}"
)
lost = probe.get("/products/TEA-001").expect(
    404, is_json=True, why="the test's catalog knows only CUP-77, so TEA-001 is not found: a JSON error"
)
assert isinstance(lost.json, dict) and isinstance(lost.json.get("error"), str), (
    f"GET /products/TEA-001 (unknown to this catalog) should answer a JSON object with an 'error' string; got {lost.json}"
)
fresh = check_async_app(create_app)
fresh.get("/products/KET-200").expect(
    200, json={"name": "Stovetop kettle", "brand": "Trailside", "grams": 900},
    why="a new app without test UPSTREAMS answers from the seed catalog",
)
fresh.get("/products/CUP-77").expect(404, why="CUP-77 is not in the seed catalog")
default_limit = fresh.app.config.get("UPSTREAM_TIMEOUT")
assert default_limit == 0.5, (
    f"an app built without UPSTREAM_TIMEOUT in test_config should default to 0.5 seconds; its config holds {default_limit!r}"
)

endpoint, _ = fresh.app.url_map.bind("localhost").match("/products/KET-200", method="GET")
served_by = fresh.app.view_functions[endpoint]
handlers = [served_by]
if getattr(served_by, "view_class", None) is not None:  # a class-based view: Flask wraps it in a plain function
    handlers = [getattr(served_by.view_class, attr, None) for attr in ("get", "dispatch_request")]
assert any(inspect.iscoroutinefunction(handler) for handler in handlers), (
    f"GET /products/KET-200 should be served by an async def view (or a class-based view whose get is async def); "
    f"its view '{endpoint}' is a plain def, which runs the catalog call outside the event loop Flask starts for async views"
)


def bare():
    return create_app()


bare.__name__ = "create_app"  # so that a failure reads "calling create_app()"
plain = check_async_app(bare)
plain.get("/products/MUG-014").expect(
    200, json={"name": "Enamel camping mug", "brand": "Trailside", "grams": 180},
    why="create_app() without an argument builds an app on the seed services",
)
with guarded("reading the clients of two apps built by create_app"):
    shared = [name for name in ("catalog", "pricing", "reviews", "stock")
              if plain.app.config["UPSTREAMS"][name] is fresh.app.config["UPSTREAMS"][name]]
assert not shared, (
    "two apps built by create_app without UPSTREAMS in test_config should each get a new set of clients; "
    f"they share their {', '.join(shared)} client(s), so one app's calls show up in the other's events"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: the product page, four calls at once (3 points)
#
# `GET /products/<sku>/page` calls each of the four services once with the
# SKU and answers `200` with
#
# ```json
# {"sku": "TEA-001", "catalog": {...}, "pricing": {...}, "reviews": {...}, "stock": {...},
#  "partial": false, "missing": []}
# ```
#
# where each section is the dict that service returned (`partial` and
# `missing` matter from task 3 on).
#
# - **The calls run at the same time**: start all four before waiting for
#   any of them (`asyncio.gather`, `asyncio.TaskGroup` or
#   `asyncio.create_task`). The tests read the clients' event list: every
#   `start` must come before the first `end`. Awaiting the catalog first
#   and the others after it does not count.
# - An unknown SKU (the catalog raises `UpstreamNotFound`; so do the
#   others) answers `404` with a JSON object holding an `error` string, as
#   in task 1. Whether the other calls are then cancelled or left to end is
#   up to you: both are accepted.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder.async_views import check_async_app

app = check_async_app(create_app)
app.get("/products/TEA-001/page").expect(
    200, json={"sku": "TEA-001", **{_name: SEED_RECORDS[_name]["TEA-001"] for _name in SEED_RECORDS},
               "partial": False, "missing": []},
    why="the four sections of TEA-001 from the seed services, nothing missing",
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder.async_views import check_async_app

### BEGIN HIDDEN TESTS
def order_of(events):
    return ", ".join(f"{kind} {name}" for kind, name, _ in events)


records = {
    "catalog": {"JAM-31": dict(name="Damson jam", brand="Hedgerow", grams=340)},
    "pricing": {"JAM-31": dict(amount=525, currency="GBP")},
    "reviews": {"JAM-31": dict(average=4.8, count=19)},
    "stock": {"JAM-31": dict(available=12)},
}
for steps in (dict(catalog=12, pricing=30, reviews=10, stock=20), dict(catalog=40, pricing=10, reviews=25, stock=10)):
    seen = []
    probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, records, **{k: {"steps": v} for k, v in steps.items()})})
    probe.get("/products/JAM-31/page").expect(
        200, json={"sku": "JAM-31", **{k: v["JAM-31"] for k, v in records.items()}, "partial": False, "missing": []},
        why="the four sections of JAM-31 from the test's own services",
    )
    starts = sorted(name for kind, name, sku in seen if kind == "start" and sku == "JAM-31")
    assert starts == ["catalog", "pricing", "reviews", "stock"], (
        f"GET /products/JAM-31/page should call each of the four services once with JAM-31; they saw: {order_of(seen)}"
    )
    first_answer = next(i for i, event in enumerate(seen) if event[0] != "start")
    assert all(event[0] != "start" for event in seen[first_answer:]), (
        "GET /products/JAM-31/page should start all four calls before waiting for any of them; the services "
        f"saw, in this order: {order_of(seen)}"
    )
nowhere = check_async_app(create_app).get("/products/XYZ-999/page").expect(
    404, is_json=True, why="XYZ-999 is unknown to the catalog: a JSON error")
assert isinstance(nowhere.json, dict) and isinstance(nowhere.json.get("error"), str), (
    f"GET /products/XYZ-999/page (an unknown SKU) should answer a JSON object with an 'error' string; got {nowhere.json}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: a time limit on each call (3 points)
#
# Each call to pricing, reviews or stock gets at most
# `app.config["UPSTREAM_TIMEOUT"]` seconds (read from the config, not
# written into your code), for example with `asyncio.wait_for` or
# `asyncio.timeout`; one deadline shared by calls that start together
# (`asyncio.wait`) is accepted too. A call
# still running then is **cancelled** (the client records `cancelled`), and
# the page is served without it:
#
# - the service's section is `null`, `partial` is `true` and `missing`
#   lists the names of the missing sections, in any order, and nothing
#   else;
# - the other sections are there as usual: one hung service costs only its
#   own section, whatever the others do;
# - a call that answers within the time limit is never cut off.
#
# A page with nothing missing keeps `"partial": false, "missing": []`. The
# tests use `UPSTREAM_TIMEOUT` values from `0.1` to `3` and services that
# hang for two seconds, so a view that waits for them shows `end` in the
# event list where `cancelled` belongs. (The catalog's own time limit is
# task 5.)

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder.async_views import check_async_app

_events = []
app = check_async_app(create_app, {"UPSTREAMS": make_upstreams(_events, reviews={"hang": True}), "UPSTREAM_TIMEOUT": 1.0})
app.get("/products/TEA-001/page").expect(
    200, json_subset={"reviews": None, "partial": True}, why="reviews hangs: its section is missing after 1 s",
)
assert ("cancelled", "reviews", "TEA-001") in _events, (
    f"the hung reviews call should be cancelled after UPSTREAM_TIMEOUT; the services saw {_events}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder.async_views import check_async_app

### BEGIN HIDDEN TESTS
def expect_page(probe, sku, gone, seen, label):
    reply = probe.get(f"/products/{sku}/page").expect(
        200, json_subset={"sku": sku, "partial": bool(gone),
                          **{k: None if k in gone else SEED_RECORDS[k][sku] for k in SEED_RECORDS}},
        why=label,
    )
    assert isinstance(reply.json.get("missing"), list) and sorted(reply.json["missing"]) == sorted(gone), (
        f"GET /products/{sku}/page ({label}) should list missing = {sorted(gone)} in any order; got {reply.json.get('missing')}"
    )
    for name in gone:
        assert ("cancelled", name, sku) in seen and ("end", name, sku) not in seen, (
            f"GET /products/{sku}/page ({label}): the {name} call should be cancelled at the time limit, "
            f"not waited for; the services saw {seen}"
        )


seen = []
pair = make_upstreams(seen, stock=dict(hang=True), reviews=dict(hang=True))
slow_pair = check_async_app(create_app, dict(UPSTREAM_TIMEOUT=1.0, UPSTREAMS=pair))
expect_page(slow_pair, "MUG-014", ["reviews", "stock"], seen, "reviews and stock hang; catalog and pricing answer")

seen = []
one_down = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, pricing=dict(hang=True)), "UPSTREAM_TIMEOUT": 1.0})
expect_page(one_down, "KET-200", ["pricing"], seen, "only pricing hangs; the others answer")

seen = []
trio = make_upstreams(seen, pricing=dict(hang=True), reviews=dict(hang=True), stock=dict(hang=True))
all_down = check_async_app(create_app, dict(UPSTREAMS=trio, UPSTREAM_TIMEOUT=1.0))
expect_page(all_down, "TEA-001", ["pricing", "reviews", "stock"], seen, "the three optional services hang; the catalog answers")

# The time limit comes from the config: a 0.6 s answer is cut off at 0.1 s and kept at 3 s.
# At 0.1 s only stock is checked: on a loaded machine a healthy service may miss so short a limit.
seen = []
tight = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, stock=dict(delay=0.6)), "UPSTREAM_TIMEOUT": 0.1})
tight.get("/products/TEA-001/page").expect(
    200, json_subset={"stock": None, "partial": True}, why="stock answers after 0.6 s, UPSTREAM_TIMEOUT is 0.1: no stock"
)
assert ("cancelled", "stock", "TEA-001") in seen and ("end", "stock", "TEA-001") not in seen, (
    f"GET /products/TEA-001/page with UPSTREAM_TIMEOUT 0.1: the 0.6 s stock call should be cut off; the services saw {seen}"
)
seen = []
roomy = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, stock=dict(delay=0.6)), "UPSTREAM_TIMEOUT": 3.0})
if roomy.app.config.get("UPSTREAM_TIMEOUT") == 3.0:  # create_app applied test_config (task 1)
    expect_page(roomy, "TEA-001", [], seen, "stock answers after 0.6 s, within an UPSTREAM_TIMEOUT of 3 s: nothing is missing")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: a failing service costs only its own section, and is logged (3 points)
#
# - A call to pricing, reviews or stock that **raises** any exception
#   (`UpstreamError`, `UpstreamNotFound`, a `ConnectionError`, a bug in a
#   client) is handled like a timeout: only that section is `null` and
#   listed in `missing`, `partial` is `true`, and the results of the other
#   calls are kept.
# - Nothing goes missing silently: for each section missing from a page
#   (failed or timed out), the app logs at least one record of level
#   `WARNING` or higher (`warning`, `error`, `exception`, `critical` are all
#   accepted) on the logger named `larder.upstreams` (the `log` of the
#   given code in your cell), whose message contains the service's name,
#   for instance `"upstream reviews timed out"`; one record naming several
#   services counts for each of them. A page with nothing missing logs
#   nothing at `WARNING` or above there. (On a `404` page, warnings for the
#   other services are accepted, and so is silence.)

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder.async_views import check_async_app

app = check_async_app(create_app, {"UPSTREAMS": make_upstreams(stock={"fail": UpstreamError})})
app.get("/products/MUG-014/page").expect(
    200, json_subset={"stock": None, "partial": True}, why="the stock service raised UpstreamError: its section is missing",
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.async_views import check_async_app

### BEGIN HIDDEN TESTS
def expect_sections(options, sku, gone, label):
    seen = []
    probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, **options)})
    reply = probe.get(f"/products/{sku}/page").expect(
        200, json_subset={"sku": sku, "partial": True,
                          **{k: None if k in gone else SEED_RECORDS[k][sku] for k in SEED_RECORDS}},
        why=label,
    )
    assert isinstance(reply.json.get("missing"), list) and sorted(reply.json["missing"]) == sorted(gone), (
        f"GET /products/{sku}/page ({label}) should list missing = {sorted(gone)} in any order; got {reply.json.get('missing')}"
    )


expect_sections(dict(pricing=dict(fail=UpstreamError), reviews=dict(fail=ConnectionResetError)), "KET-200",
                ["pricing", "reviews"], "pricing raises UpstreamError and reviews ConnectionResetError; catalog and stock answer")
expect_sections(dict(reviews=dict(fail=UpstreamNotFound)), "TEA-001", ["reviews"],
                "reviews raises UpstreamNotFound; the others answer")
expect_sections(dict(stock=dict(fail=ValueError, steps=1), pricing=dict(steps=30)), "MUG-014", ["stock"],
                "stock raises ValueError (a bug in its client) before pricing answers; the others answer")
expect_sections(dict(pricing=dict(fail=UpstreamError), reviews=dict(fail=OSError), stock=dict(fail=KeyError)), "TEA-001",
                ["pricing", "reviews", "stock"], "pricing, reviews and stock all raise; the catalog answers")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_logging", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.async_views import check_async_app
from autograder.logcapture import describe_records, logged

### BEGIN HIDDEN TESTS
import logging as logging_module


def warnings_naming(records, name):
    return [r for r in records if r.levelno >= logging_module.WARNING and name in r.getMessage()]


probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(pricing=dict(fail=UpstreamError))})
reply, records = logged(probe, "larder.upstreams", "GET", "/products/KET-200/page")
reply.expect(200, why="pricing raised UpstreamError")
assert warnings_naming(records, "pricing"), (
    "GET /products/KET-200/page, where pricing raised UpstreamError, should log a WARNING or higher on "
    f"larder.upstreams whose message names pricing; it logged: {describe_records(records)}"
)

seen = []
probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, reviews=dict(hang=True)), "UPSTREAM_TIMEOUT": 1.0})
reply, records = logged(probe, "larder.upstreams", "GET", "/products/MUG-014/page")
reply.expect(200, why="reviews hung past UPSTREAM_TIMEOUT")
if ("cancelled", "reviews", "MUG-014") in seen:  # the time limit works (task 3): its loss must be logged
    assert warnings_naming(records, "reviews"), (
        "GET /products/MUG-014/page, where reviews timed out, should log a WARNING or higher on "
        f"larder.upstreams whose message names reviews; it logged: {describe_records(records)}"
    )

probe = check_async_app(create_app)
reply, records = logged(probe, "larder.upstreams", "GET", "/products/TEA-001/page")
reply.expect(200, why="every service answered")
loud = [r for r in records if r.levelno >= logging_module.WARNING]
assert not loud, (
    "GET /products/TEA-001/page, with every service answering, should log nothing at WARNING or above on "
    f"larder.upstreams; it logged: {describe_records(loud)}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: the catalog is required: fail fast (3 points)
#
# Without the catalog there is no product page to show.
#
# - When the catalog call raises anything but `UpstreamNotFound` (which
#   stays a `404`, task 2), or has not answered within `UPSTREAM_TIMEOUT`,
#   the page answers `503` (`502` and `504` are accepted too) with a JSON
#   object holding an `error` member, a string of your choice; whatever the
#   other services answered is discarded.
# - **Do not wait for the other calls**: as soon as the catalog has failed,
#   the error goes out; cancel the calls still running. The tests give the
#   other services many more turns of the event loop (or a hang) than the
#   failing catalog: none of them may reach `end`. (Tasks you leave running
#   are cancelled anyway when Flask closes the request's event loop, so the
#   tests cannot tell whether you cancelled them yourself.)

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder.async_views import check_async_app

app = check_async_app(create_app, {"UPSTREAMS": make_upstreams(catalog={"fail": UpstreamError})})
app.get("/products/TEA-001/page").expect((502, 503, 504), why="the catalog raised UpstreamError: there is no page")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder.async_views import check_async_app

### BEGIN HIDDEN TESTS
def expect_unavailable(options, sku, label, timeout=0.1):
    seen = []
    probe = check_async_app(create_app, {"UPSTREAMS": make_upstreams(seen, **options), "UPSTREAM_TIMEOUT": timeout})
    reply = probe.get(f"/products/{sku}/page").expect((502, 503, 504), is_json=True, why=label)
    assert isinstance(reply.json, dict) and isinstance(reply.json.get("error"), str), (
        f"GET /products/{sku}/page ({label}) should answer a JSON object with an 'error' string; got {reply.json}"
    )
    return seen


seen = expect_unavailable(dict(catalog=dict(hang=True)), "MUG-014", "the catalog hangs past UPSTREAM_TIMEOUT")
assert ("cancelled", "catalog", "MUG-014") in seen, (
    f"GET /products/MUG-014/page: the hung catalog call should be given up at UPSTREAM_TIMEOUT, not waited for to the end; the services saw {seen}"
)
expect_unavailable(dict(catalog=dict(fail=ConnectionResetError)), "KET-200", "the catalog raises ConnectionResetError")

seen = expect_unavailable(
    dict(catalog=dict(fail=UpstreamError, steps=1), pricing=dict(steps=400), reviews=dict(steps=400), stock=dict(hang=True)),
    "TEA-001", "the catalog fails at once while the others are still working", timeout=5.0,
)
finished = [name for kind, name, _ in seen if kind == "end"]
assert not finished, (
    "GET /products/TEA-001/page: once the catalog has failed, the other calls should be cancelled, not waited for; "
    f"{', '.join(finished)} still ran to the end. The services saw, in order: {', '.join(f'{k} {n}' for k, n, _ in seen)}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# The product page now calls four services concurrently inside one request.
# Larder runs this Flask app under gunicorn with 4 worker processes of 8
# threads each, and expects 400 product-page requests a second at peak,
# each taking about 150 ms. A colleague says: "it is async now, so one
# worker can serve thousands of requests at once, like FastAPI." In a few
# sentences: what does Flask actually do when an `async def` view is called,
# how many product pages can these workers serve at the same time and why,
# what would change under an ASGI framework (Quart, FastAPI, Starlette), and
# what does Flask's model mean for an HTTP client with a connection pool
# (`httpx.AsyncClient`) that you would like to share between requests?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Flask is a WSGI framework: for each request to an
# `async def` view it calls `async_to_sync` (asgiref), which starts a **new
# event loop in a thread for that request**, runs the view to the end and
# closes the loop, while the worker thread that received the request waits
# for it. Concurrency exists only *inside* the request (the four calls
# overlap, so the page takes the slowest call's time, not the sum); across
# requests nothing changes: each page still holds one of the 4 x 8 = 32
# worker threads for its 150 ms, so the service serves at most 32 pages at
# once, about 32 / 0.15 = 213 a second, short of 400 (more threads or
# workers, or gevent, would be needed). An ASGI framework runs one long-lived
# event loop per worker process and every request is a coroutine on it, so
# a worker can hold hundreds or thousands of requests that are waiting on
# I/O, with no thread each; the cost moves to making sure nothing blocks the
# loop. For a shared client: an `httpx.AsyncClient` (its pool and
# connections) is bound to the event loop it was used on, and in Flask each
# request has its own loop that is closed afterwards, so a client created at
# module level or in `create_app` cannot be reused across requests (errors
# such as "Event loop is closed" or "attached to a different loop"); either
# create a client per request (no connection reuse, a new TLS handshake per
# call) or use a synchronous pooled client in threads, or move to an ASGI
# framework (Quart keeps Flask's API) where one client per process can live
# for the worker's lifetime. Tasks left running when the view returns are
# cancelled when Flask closes the request's loop, so "fire and forget"
# background work does not survive the request either.
#
# **Rubric (1 point each).**
# 1. Flask runs each async view in a new event loop in a thread per request
#    (asgiref `async_to_sync`), and the request still holds its worker
#    thread: concurrency only within a request, and the page takes about
#    the slowest call's time.
# 2. The capacity follows from threads, not from async: about 32 concurrent
#    pages (about 200 a second at 150 ms), so "thousands" is wrong; under
#    ASGI one loop per process serves many waiting requests without a
#    thread each (what it costs: never block the loop).
# 3. Loop-bound resources: an async client or pool created once cannot be
#    shared across Flask requests' loops (per-request client, a sync pooled
#    client, or ASGI/Quart), or, equally accepted, tasks left running are
#    cancelled when the request's loop closes.

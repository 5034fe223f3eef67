# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Security headers, CORS and rate limits for the Harbour Ferries API
#
# Harbour Ferries sells tickets for its island ferries. Its JSON API lists
# the sailings and takes bookings; two front ends on other origins call it
# from the browser with the customer's session cookie: the booking site
# `https://book.harbourferries.example` and the travel agents' portal
# `https://partners.harbourferries.example`. Before the API goes public, the
# security review asks for three things: security headers on every response,
# CORS for those two sites only, and rate limits so that one client cannot
# flood the bookings.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, the routes and the security headers | 3 |
# | 2 | the security headers on every error too | 3 |
# | 3 | CORS for an allowlist of origins and methods, preflights included | 5 |
# | 4 | rate limits per client and per route with Flask-Limiter | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **Libraries.** Flask, and for tasks 3 and 4 the extensions a Flask team uses
# in production, both installed: [flask-cors](https://flask-cors.readthedocs.io/)
# (or write the CORS headers yourself: both can get full marks) and
# [Flask-Limiter](https://flask-limiter.readthedocs.io/) 4.x with in-memory
# storage. No other package is needed.
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes.
# Some tests add a route of their own to your app (for example one that
# raises an exception) before sending requests.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, flask-cors and Flask-Limiter documentation and MDN
# while you work.

# %% nbgrader={"grade_id": "timetable", "locked": true}
# The data the app starts with. Do not edit this cell.
SEED_SAILINGS = [
    {"id": "HF-101", "from": "Harbour", "to": "North Isle", "departs": "08:15"},
    {"id": "HF-205", "from": "North Isle", "to": "Harbour", "departs": "09:40"},
]
FRONT_ENDS = ["https://book.harbourferries.example", "https://partners.harbourferries.example"]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` in the cell below. Start with task 1
# and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from flask import Flask, abort, current_app, jsonify, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def create_app(test_config=None):
    """Build a new Harbour Ferries API app; apply test_config (a dict) over the defaults.

    Task 1: the defaults, the three routes and the security headers;
    task 2: the headers on every response; task 3: CORS; task 4: rate limits.
    """
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(
        SAILINGS=SEED_SAILINGS,
        CORS_ORIGINS=FRONT_ENDS,
        HSTS_MAX_AGE=31536000,
        BOOKING_RATE_LIMIT="5 per minute",
        SAILINGS_RATE_LIMIT="30 per minute",
    )
    if test_config is not None:
        app.config.update(test_config)

    @app.after_request
    def add_security_headers(response):
        # after_request sees every response, errors included: 404s, 405s, 429s, 500s.
        # A JSON API loads nothing and is never framed; default-src does not cover
        # frame-ancestors, so that one is named too.
        response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Strict-Transport-Security"] = f"max-age={app.config['HSTS_MAX_AGE']}; includeSubDomains"
        return response

    # Exact origins, never "*": the front ends send cookies (credentials), and
    # flask-cors then echoes the one allowed origin and adds Vary: Origin.
    CORS(
        app,
        origins=list(app.config["CORS_ORIGINS"]),
        methods=["GET", "POST", "DELETE"],
        allow_headers=["Content-Type", "Authorization"],
        supports_credentials=True,
    )

    # One limiter per app: its own in-memory counters, keyed by the client's
    # address (no proxy in front of this app, so X-Forwarded-For is not trusted).
    limiter = Limiter(
        get_remote_address,
        app=app,
        storage_uri="memory://",
        headers_enabled=True,  # Retry-After on the 429
    )

    bookings = []

    @app.get("/sailings")
    @limiter.limit(app.config["SAILINGS_RATE_LIMIT"])
    def sailings():
        return jsonify(app.config["SAILINGS"])

    @app.post("/bookings")
    @limiter.limit(app.config["BOOKING_RATE_LIMIT"])
    def create_booking():
        data = request.get_json(silent=True) or {}
        booking = {"id": len(bookings) + 1, "sailing": data.get("sailing")}
        bookings.append(booking)
        return jsonify(booking), 201

    @app.delete("/bookings/<int:booking_id>")
    def cancel_booking(booking_id):
        return "", 204

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the API and its security headers (3 points)
#
# In *Your app*, write `create_app(test_config=None)`. It creates a new
# `Flask(__name__)` app with these defaults, then applies `test_config` when
# one is given:
#
# | key | default | used in |
# | --- | --- | --- |
# | `SAILINGS` | `SEED_SAILINGS` | task 1 |
# | `HSTS_MAX_AGE` | `31536000` (one year, in seconds) | task 1 |
# | `CORS_ORIGINS` | `FRONT_ENDS` | task 3 |
# | `BOOKING_RATE_LIMIT` | `"5 per minute"` | task 4 |
# | `SAILINGS_RATE_LIMIT` | `"30 per minute"` | task 4 |
#
# The routes:
#
# - `GET /sailings` answers `200` with the app's `SAILINGS` as a JSON list;
# - `POST /bookings` (a JSON body such as `{"sailing": "HF-101"}`) answers
#   `201` with `{"id": <n>, "sailing": <the sailing sent>}`, where `n` counts
#   1, 2, 3, ... in each app (a new app starts again at 1) and is never
#   reused, even after a `DELETE`;
# - `DELETE /bookings/<int:booking_id>` answers `204` with an empty body for
#   any id, one this app never issued included (cancelling is idempotent).
#
# Every response of these routes carries four security headers:
#
# - `Content-Security-Policy` with the directive `default-src 'none'` (the API
#   serves JSON and loads nothing); other directives may follow;
# - frame protection, either `X-Frame-Options: DENY` (or `SAMEORIGIN`) or the
#   CSP directive `frame-ancestors 'none'` (or `'self'`): any one of these is
#   accepted. `default-src` does not cover framing;
# - `X-Content-Type-Options: nosniff`;
# - `Strict-Transport-Security` with `max-age=` the app's `HSTS_MAX_AGE`;
#   `includeSubDomains` (and `preload`) may be added.
#
# The tests read the headers as directives, so the order of directives,
# spacing and letter case do not matter.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.headers import expect_security_headers

app = check_app(create_app)
_reply = app.get("/sailings").expect(200, json=SEED_SAILINGS)
expect_security_headers(_reply, hsts_max_age=31536000, why="a successful GET /sailings with the default config")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import expect_security_headers

### BEGIN HIDDEN TESTS
timetable = [{"id": "HF-900", "from": "Harbour", "to": "South Isle", "departs": "17:05"}]
# Limits far above what these tests send, so that rate limiting never answers in their place.
roomy = {"BOOKING_RATE_LIMIT": "1000 per minute", "SAILINGS_RATE_LIMIT": "1000 per minute"}
app = check_app(create_app, {**roomy, "SAILINGS": timetable, "HSTS_MAX_AGE": 600})
listed = app.get("/sailings").expect(200, json=timetable, why="the SAILINGS of the test config")
expect_security_headers(listed, hsts_max_age=600, why="GET /sailings of an app whose HSTS_MAX_AGE is 600")
first = app.post("/bookings", json={"sailing": "HF-900"}).expect(
    201, json={"id": 1, "sailing": "HF-900"}, why="the first booking of a new app"
)
expect_security_headers(first, hsts_max_age=600, why="the 201 of POST /bookings, HSTS_MAX_AGE 600")
app.post("/bookings", json={"sailing": "HF-101"}).expect(
    201, json={"id": 2, "sailing": "HF-101"}, why="the second booking of this app"
)
cancelled = app.delete("/bookings/2").expect(204, empty=True, why="a cancelled booking")
expect_security_headers(cancelled, hsts_max_age=600, why="the 204 of DELETE /bookings/2, HSTS_MAX_AGE 600")
app.post("/bookings", json={"sailing": "HF-900"}).expect(
    201, json={"id": 3, "sailing": "HF-900"},
    why="the third booking, made after booking 2 was cancelled: ids are never reused",
)
app.delete("/bookings/99").expect(204, why="booking 99 was never issued by this app: any id answers 204")
app.delete("/bookings/99").expect(204, why="cancelling booking 99 a second time answers 204 as well")

fresh = check_app(create_app, roomy)
fresh.post("/bookings", json={"sailing": "HF-205"}).expect(
    201, json={"id": 1, "sailing": "HF-205"}, why="a new app starts counting bookings at 1 again"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: errors are responses too (3 points)
#
# An attacker does not need your happy path: a `404` page can be framed or
# sniffed as well as a `200`. The four security headers of task 1 go on
# **every** response the app sends, whatever produced it:
#
# - the router's `404` for an unknown URL and `405` for a method a route does
#   not allow;
# - `abort(...)` in a view, any status (the tests use `403` and `429`);
# - the `500` of an exception no handler takes (the tests set
#   `PROPAGATE_EXCEPTIONS=False`, so that Flask turns it into a `500` instead
#   of letting it reach the test client);
# - the answers to `OPTIONS` (Flask's automatic `200`, or a `204` of your
#   own) and `HEAD` requests.
#
# You do not need to change what these error responses contain; they only
# need the headers. The tests compare the security headers of each error
# with those of a `GET /sailings` of the same app: the same headers, with
# the same meaning.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.headers import expect_same_security_headers

app = check_app(create_app)
_reply = app.get("/timetable").expect(404, why="no route matches /timetable")
expect_same_security_headers(_reply, app.get("/sailings"), why="the router's 404 gets the headers too")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import expect_same_security_headers

### BEGIN HIDDEN TESTS
from flask import abort
from werkzeug.exceptions import TooManyRequests


def crew_only():
    abort(403)


def slow_down():
    raise TooManyRequests(retry_after=30)


def engine_failure():
    raise RuntimeError("engine room on fire")


app = check_app(create_app, {"PROPAGATE_EXCEPTIONS": False})
app.app.add_url_rule("/_test/crew", "test_crew_only", crew_only)
app.app.add_url_rule("/_test/slow-down", "test_slow_down", slow_down)
app.app.add_url_rule("/_test/engine", "test_engine_failure", engine_failure)
for method, path, status, what in (
    ("DELETE", "/sailings", 405, "the router's 405"),
    ("GET", "/_test/crew", 403, "abort(403) in a view"),
    ("GET", "/_test/slow-down", 429, "a view that raised TooManyRequests"),
    ("GET", "/_test/engine", 500, "an exception no handler takes"),
    ("OPTIONS", "/sailings", (200, 204), "the answer to OPTIONS"),
    ("HEAD", "/sailings", 200, "the automatic answer to HEAD"),
):
    reply = app.request(method, path).expect(status, why=what)
    expect_same_security_headers(reply, app.get("/sailings"), why=f"{what} gets the headers too")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: CORS for the two front ends (5 points)
#
# The browser only lets the front ends read the API's answers when the API
# says so with CORS headers. Allow exactly this:
#
# - **origins**: the app's `CORS_ORIGINS`, each compared as a whole
#   (scheme, host and port): `https://book.harbourferries.example` is
#   allowed, `http://book.harbourferries.example`,
#   `https://book.harbourferries.example:8443` and
#   `https://book.harbourferries.example.evil.example` are not;
# - **credentials**: the front ends send cookies, so every answer to an
#   allowed origin has `Access-Control-Allow-Credentials: true` and
#   `Access-Control-Allow-Origin` equal to **that origin** (never `*`, which
#   browsers refuse with credentials, and never an origin that is not
#   allowed), plus `Vary: Origin` so that caches keep one copy per origin
#   (flask-cors adds it only when it has two or more origins to choose from;
#   every test configures at least two);
# - **methods**: `GET`, `POST` and `DELETE` only; **request headers**:
#   `Content-Type` and `Authorization`.
#
# What the tests send:
#
# - an actual request (any route, any method) with an `Origin` header: from an
#   allowed origin, the three headers above; from any other origin, no
#   `Access-Control-Allow-Origin` header (the request itself is still
#   answered as usual). Requests without `Origin` are not CORS requests:
#   the tests do not look at their CORS headers;
# - a preflight: `OPTIONS` with `Origin` and `Access-Control-Request-Method`
#   (and maybe `Access-Control-Request-Headers`). For an allowed origin and
#   method, answer `200` or `204` with the three headers above,
#   `Access-Control-Allow-Methods` listing the requested method and no method
#   other than `GET`, `HEAD`, `POST`, `DELETE` and `OPTIONS`, and
#   `Access-Control-Allow-Headers` listing the requested headers. From any
#   other origin: no `Access-Control-Allow-Origin`. For a method that is not
#   allowed (`PUT`, `PATCH`), either no `Access-Control-Allow-Origin` or an
#   `Access-Control-Allow-Methods` without that method: both are accepted
#   (a browser refuses the request in both cases; flask-cors does the second).
#
# Use flask-cors, or write the headers yourself in an `after_request`
# function: both can get full marks.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder.headers import expect_cors_allowed, expect_preflight

app = check_app(create_app)
_origin = "https://book.harbourferries.example"
_reply = app.get("/sailings", headers={"Origin": _origin}).expect(200)
expect_cors_allowed(_reply, _origin, vary=False, why="the booking site is an allowed origin")
_preflight = app.options("/bookings", headers={
    "Origin": _origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type",
})
expect_preflight(_preflight, _origin, "POST", request_headers=["Content-Type"], vary=False,
                 why="a preflight from the booking site for POST with a JSON body")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import expect_cors_allowed, expect_cors_refused

### BEGIN HIDDEN TESTS
from flask import abort

book, partners = FRONT_ENDS
# Limits far above what these tests send, so that rate limiting never answers in their place.
roomy = {"BOOKING_RATE_LIMIT": "1000 per minute", "SAILINGS_RATE_LIMIT": "1000 per minute"}
answered = (200, 201, 202, 204)
app = check_app(create_app, roomy)
for origin in (book, partners):
    expect_cors_allowed(app.get("/sailings", headers={"Origin": origin}).expect(200), origin,
                        why=f"{origin} is in CORS_ORIGINS")
booked = app.post("/bookings", json={"sailing": "HF-101"}, headers={"Origin": partners}).expect(answered)
expect_cors_allowed(booked, partners, why="an actual POST from an allowed origin")
expect_cors_allowed(app.delete("/bookings/1", headers={"Origin": book}).expect(answered), book,
                    why="an actual DELETE from an allowed origin")
for origin, what in (
    ("https://evil.example", "an origin that is not in CORS_ORIGINS"),
    ("https://book.harbourferries.example.evil.example", "an allowed origin followed by more host name"),
    ("https://evilbook.harbourferries.example", "another host that ends like an allowed one"),
    ("http://book.harbourferries.example", "an allowed host over http, not https"),
    ("https://book.harbourferries.example:8443", "an allowed host on another port"),
    ("null", "the opaque origin 'null' (sandboxed frames, files)"),
):
    expect_cors_refused(app.get("/sailings", headers={"Origin": origin}).expect(200), why=what)
expect_cors_refused(
    app.post("/bookings", json={"sailing": "HF-101"}, headers={"Origin": "https://evil.example"}).expect(answered),
    why="an actual POST from an origin that is not allowed",
)


def too_busy():
    abort(429)


def engine_failure():
    raise RuntimeError("engine room on fire")


failing = check_app(create_app, {**roomy, "PROPAGATE_EXCEPTIONS": False})
failing.app.add_url_rule("/_test/too-busy", "test_too_busy", too_busy)
failing.app.add_url_rule("/_test/engine", "test_engine_failure", engine_failure)
for method, path, status, what in (
    ("GET", "/timetable", 404, "the router's 404 for an unknown URL"),
    ("DELETE", "/sailings", 405, "the router's 405 for a method the route does not allow"),
    ("GET", "/_test/too-busy", 429, "a 429 raised in a view"),
    ("GET", "/_test/engine", 500, "the 500 of an exception no handler takes"),
):
    expect_cors_allowed(failing.request(method, path, headers={"Origin": partners}).expect(status, why=what),
                        partners, why=f"{what}, asked from an allowed origin: error answers are CORS answers too")

staging = ["https://book.staging.harbourferries.example", "http://localhost:5173"]
configured = check_app(create_app, {**roomy, "CORS_ORIGINS": staging})
for origin in staging:
    expect_cors_allowed(configured.get("/sailings", headers={"Origin": origin}).expect(200), origin,
                        why="this test's CORS_ORIGINS lists it")
expect_cors_refused(configured.get("/sailings", headers={"Origin": book}).expect(200),
                    why="this test's CORS_ORIGINS does not list the booking site")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_2", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.headers import expect_cors_refused, expect_preflight, expect_preflight_refused

### BEGIN HIDDEN TESTS
book, partners = FRONT_ENDS
others = ["PUT", "PATCH", "TRACE", "CONNECT"]
# Limits far above what these tests send, so that rate limiting never answers in their place.
roomy = {"BOOKING_RATE_LIMIT": "1000 per minute", "SAILINGS_RATE_LIMIT": "1000 per minute"}
app = check_app(create_app, roomy)


def preflight(probe, path, origin, method, headers=None):
    sent = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        sent["Access-Control-Request-Headers"] = headers
    return probe.options(path, headers=sent)


expect_preflight(preflight(app, "/bookings", partners, "POST", "content-type,authorization"), partners, "POST",
                 request_headers=["Content-Type", "Authorization"], forbidden_methods=others,
                 why="the partners' portal may POST with a JSON body and a token")
expect_preflight(preflight(app, "/bookings/7", book, "DELETE", "Authorization"), book, "DELETE",
                 request_headers=["Authorization"], forbidden_methods=others,
                 why="the booking site may cancel a booking")
expect_preflight(preflight(app, "/sailings", book, "GET", "Authorization"), book, "GET",
                 request_headers=["Authorization"], forbidden_methods=others,
                 why="the booking site may read the sailings with a token")
for method in ("PUT", "PATCH"):
    expect_preflight_refused(preflight(app, "/bookings/7", book, method, "Content-Type"), method,
                             why=f"{method} is not an allowed method")
for origin in (
    "https://evil.example",
    "https://book.harbourferries.example.evil.example",
    "http://book.harbourferries.example",
    "https://partners.harbourferries.example:8443",
    "null",
):
    expect_cors_refused(preflight(app, "/bookings", origin, "POST", "Content-Type"),
                        why=f"a preflight from {origin}, which is not allowed")

staging = ["https://book.staging.harbourferries.example", "http://localhost:5173"]
configured = check_app(create_app, {**roomy, "CORS_ORIGINS": staging})
expect_preflight(preflight(configured, "/bookings", staging[1], "POST", "Content-Type"), staging[1], "POST",
                 request_headers=["Content-Type"], why="this test's CORS_ORIGINS lists it")
expect_cors_refused(preflight(configured, "/bookings", book, "POST", "Content-Type"),
                    why="this test's CORS_ORIGINS does not list the booking site")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: rate limits per client and per route (4 points)
#
# Limit how often one client may call the API, with Flask-Limiter
# (`flask_limiter.Limiter`) and its in-memory storage (`storage_uri="memory://"`):
#
# - **a client is its remote address**, `request.remote_addr`
#   (`flask_limiter.util.get_remote_address`). There is no proxy in front of
#   this app, so `X-Forwarded-For` is whatever the client wants it to be:
#   ignore it;
# - **per route**: `POST /bookings` allows `BOOKING_RATE_LIMIT` requests per
#   client, `GET /sailings` allows `SAILINGS_RATE_LIMIT`, each counted on its
#   own: a client that has used up its bookings can still read the sailings,
#   and the other way round. The values are Flask-Limiter limit strings
#   (`"5 per minute"`, `"2/hour"`); read them from the app's config;
# - a refused request answers `429` with a `Retry-After` header: whole
#   seconds until the client may try again (or an HTTP date);
# - preflight requests (`OPTIONS`) never count towards a limit and are never
#   refused: a browser sends one before many `POST`s.
#
# Each app the tests build must start with fresh counters: create the
# `Limiter` inside `create_app`, one per app (or call `init_app` on a
# module-level one, which gives it new storage). The tests never wait: they
# use the limit up (for one client, the test client's `environ_base={"REMOTE_ADDR":
# "203.0.113.7"}`) and look at the next answer.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder.headers import expect_rate_limited

app = check_app(create_app)
_client = {"environ_base": {"REMOTE_ADDR": "203.0.113.7"}}
for _n in range(1, 6):
    app.post("/bookings", json={"sailing": "HF-101"}, **_client).expect(
        201, why=f"booking {_n} of the 5 per minute a client may make"
    )
expect_rate_limited(
    app.post("/bookings", json={"sailing": "HF-101"}, **_client), max_seconds=60,
    why="a sixth booking within a minute from the same address",
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 3}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
def client(address, **headers):
    return {"environ_base": {"REMOTE_ADDR": address}, "headers": headers}


book = FRONT_ENDS[0]
app = check_app(create_app, {"BOOKING_RATE_LIMIT": "2 per hour", "SAILINGS_RATE_LIMIT": "3/hour"})
alice, bob, carol = "198.51.100.1", "198.51.100.2", "198.51.100.3"
for n in (1, 2):
    app.post("/bookings", json={"sailing": "HF-101"}, **client(alice)).expect(
        201, why=f"booking {n} of the 2 per hour this test's BOOKING_RATE_LIMIT allows"
    )
app.post("/bookings", json={"sailing": "HF-101"}, **client(alice)).expect(
    429, why="a third booking within an hour when BOOKING_RATE_LIMIT is 2 per hour"
)
for forwarded in ("198.51.100.77", "10.0.0.1", f"203.0.113.9, {alice}"):
    app.post("/bookings", json={"sailing": "HF-101"}, **client(alice, **{"X-Forwarded-For": forwarded})).expect(
        429, why=f"the same address ({alice}) that used up its bookings, now sending X-Forwarded-For: "
        f"{forwarded}, which anyone can send"
    )
for n in (1, 2, 3):
    app.get("/sailings", **client(alice)).expect(
        200, why=f"reading the sailings ({n} of the 3 per hour) after using up the bookings: each route counts "
        "on its own"
    )
app.get("/sailings", **client(alice)).expect(
    429, why="a fourth GET /sailings within an hour when SAILINGS_RATE_LIMIT is 3/hour"
)
for n in (1, 2):
    app.post("/bookings", json={"sailing": "HF-205"}, **client(bob)).expect(
        201, why=f"booking {n} of another client ({bob}): each address counts on its own"
    )

for n in range(6):
    for path, method in (("/bookings", "POST"), ("/sailings", "GET")):
        app.options(path, **client(carol, Origin=book, **{"Access-Control-Request-Method": method})).expect(
            (200, 204), why=f"preflight {n + 1} for {method} {path}: preflights are never refused"
        )
for n in (1, 2):
    app.post("/bookings", json={"sailing": "HF-101"}, **client(carol)).expect(
        201, why=f"booking {n} of a client whose earlier requests were preflights only: they do not count"
    )

defaults = check_app(create_app)
for n in range(1, 31):
    defaults.get("/sailings", **client(alice)).expect(
        200, why=f"GET /sailings {n} of the 30 per minute the default SAILINGS_RATE_LIMIT allows"
    )
defaults.get("/sailings", **client(alice)).expect(429, why="a 31st GET /sailings within a minute")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# The API goes live behind a load balancer, which connects to the app and
# adds `X-Forwarded-For`, and it runs as four gunicorn worker processes on
# each of two machines. In a few sentences:
#
# 1. What happens to your rate limits (who is "a client" now, and how many
#    bookings can one client really make per minute), and what do you change?
# 2. A teammate says "CORS protects `POST /bookings`: other sites cannot
#    book in our users' names". Is that right? What does CORS protect, and
#    what does it not?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** Behind the load balancer every request comes from the
# balancer's address, so `request.remote_addr` is the same for everyone: all
# customers share one bucket and the whole site is refused after five
# bookings a minute. Trust `X-Forwarded-For` only as far as the proxies you
# run: `werkzeug.middleware.proxy_fix.ProxyFix(app.wsgi_app, x_for=1)` for
# one balancer, which takes the address the balancer appended (the rightmost
# one), never the leftmost one a client can forge. The in-memory storage is
# per process: eight workers have eight counters, so one client can make up
# to eight times the limit (5 x 8 = 40 bookings a minute), depending on which
# worker the balancer picks, and a restart forgets everything. Use shared
# storage, e.g. `storage_uri="redis://..."` (Flask-Limiter's
# `RATELIMIT_STORAGE_URI`), so that all workers count together.
#
# CORS does not protect the endpoint. It is the browser relaxing the
# same-origin policy for *reading* responses: it decides whether a script on
# another origin may read the answer, or send a non-simple request after a
# preflight. A server never sees CORS enforced: curl, scripts and servers
# ignore it, and a cross-site form POST (a "simple" request with a form
# content type) is sent with cookies without any preflight; the browser only
# hides the response. Protecting `POST /bookings` from other sites needs
# CSRF defences: `SameSite` cookies, a CSRF token or a required JSON content
# type / custom header checked by the server (which forces a preflight), and
# authentication; CORS with credentials even widens access, so the allowlist
# must stay exact.
#
# **Rubric (1 point each).**
# 1. Behind the balancer `remote_addr` is the balancer: everyone shares one
#    limit. Fix: ProxyFix with the right number of trusted proxies (or
#    reading the balancer's entry), never the client-controlled leftmost
#    `X-Forwarded-For` value.
# 2. In-memory counters are per process (and per machine): the real limit
#    is multiplied by the number of workers and resets on restart. Fix:
#    shared storage such as Redis or Memcached.
# 3. CORS is enforced by browsers and only controls which origins may read
#    responses (and send preflighted requests); it does not stop
#    non-browser clients or a cross-site simple POST with cookies. Protection
#    needs CSRF measures (SameSite cookies, tokens, requiring a JSON content
#    type or custom header) and authentication.

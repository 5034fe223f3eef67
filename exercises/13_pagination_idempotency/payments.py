# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Pagination, filtering and idempotency keys for the Tillpoint payments API
#
# Tillpoint runs card payments for small shops. Its payments API has two
# kinds of client: the shops' back offices, which list payments (thousands of
# them, while new ones keep arriving), and the card terminals, which create
# payments over flaky mobile networks and **retry** when a reply gets lost.
# Today the list answers everything at once and a retried `POST` charges the
# customer twice. You will fix both.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /payments` newest first, with a `limit` | 3 |
# | 2 | cursor pagination with `Link` headers that survives new payments | 4 |
# | 3 | filters by `status` and `created_after`, kept across pages | 3 |
# | 4 | `POST /payments` with an `Idempotency-Key`: a retry is a replay | 3 |
# | 5 | a key reused with another body, and keys per client | 3 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The payments live in a `PaymentStore` (given below, do not
# edit it): the tests pass a store of their own in `test_config["STORE"]`,
# and some add payments to it *between* two requests, as other terminals do
# in production. They talk to your app only through Flask's test client.
#
# You use Flask (and Werkzeug, which comes with it). `itsdangerous` (Flask's
# own signing library) and `pydantic` are installed if you want them; the
# standard library (`base64`, `json`, `datetime`) is enough.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask and Python documentation and RFC 8288 (`Link`) while you work.

# %% nbgrader={"grade_id": "store", "locked": true}
# The payments database, given. Do not edit this cell.
from datetime import datetime, timezone

SEED_PAYMENTS = [
    {"id": "pay_0003", "amount": 4200, "currency": "USD", "status": "succeeded", "description": "Espresso machine", "created": "2024-05-02T10:00:00Z"},
    {"id": "pay_0001", "amount": 1250, "currency": "EUR", "status": "succeeded", "description": "Table 4", "created": "2024-05-01T09:00:00Z"},
    {"id": "pay_0007", "amount": 2500, "currency": "USD", "status": "failed", "description": "Catering", "created": "2024-05-03T12:00:00Z"},
    {"id": "pay_0012", "amount": 1999, "currency": "USD", "status": "succeeded", "description": "Gift card", "created": "2024-05-06T09:00:00Z"},
    {"id": "pay_0005", "amount": 150, "currency": "GBP", "status": "succeeded", "description": "Croissant", "created": "2024-05-02T10:00:00Z"},
    {"id": "pay_0002", "amount": 800, "currency": "EUR", "status": "failed", "description": "Table 2", "created": "2024-05-01T09:30:00Z"},
    {"id": "pay_0010", "amount": 120, "currency": "GBP", "status": "succeeded", "description": "Tea", "created": "2024-05-05T11:00:00Z"},
    {"id": "pay_0008", "amount": 700, "currency": "EUR", "status": "pending", "description": "Table 7", "created": "2024-05-04T16:45:00Z"},
    {"id": "pay_0004", "amount": 990, "currency": "EUR", "status": "pending", "description": "Table 1", "created": "2024-05-02T10:00:00Z"},
    {"id": "pay_0011", "amount": 450, "currency": "EUR", "status": "failed", "description": "Bar", "created": "2024-05-06T07:30:00Z"},
    {"id": "pay_0006", "amount": 3000, "currency": "EUR", "status": "succeeded", "description": "Private dinner", "created": "2024-05-03T08:15:00Z"},
    {"id": "pay_0009", "amount": 5600, "currency": "EUR", "status": "succeeded", "description": "Wedding deposit", "created": "2024-05-05T11:00:00Z"},
]


class PaymentStore:
    """The payments table. A payment is a dict: id, amount, currency, status, description, created.

    `created` is a string in UTC, always written as `YYYY-MM-DDTHH:MM:SSZ`, so two of
    them compare as text in time order. Ids are `pay_` and four digits.
    """

    def __init__(self, payments=()):
        self._rows = [dict(p) for p in payments]

    def all(self):
        """Copies of every payment, in the order they were stored (not sorted)."""
        return [dict(p) for p in self._rows]

    def get(self, payment_id):
        """A copy of the payment with this id, or None."""
        return next((dict(p) for p in self._rows if p["id"] == payment_id), None)

    def insert(self, payment):
        """Store a payment made elsewhere (the tests use this, like another terminal would)."""
        self._rows.append(dict(payment))

    def create(self, amount, currency, description, created):
        """Store a new pending payment with the next free id; `created` is an aware datetime. Returns a copy."""
        number = 1 + max((int(p["id"][4:]) for p in self._rows), default=0)
        payment = {
            "id": f"pay_{number:04d}", "amount": amount, "currency": currency, "status": "pending",
            "description": description,
            "created": created.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        self._rows.append(payment)
        return dict(payment)

    def __len__(self):
        return len(self._rows)


def utc_now():
    return datetime.now(timezone.utc)

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and everything it needs in the cell
# below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import base64
import binascii
import json
import re
from datetime import datetime, timezone

from flask import Flask, abort, jsonify, request, url_for

### BEGIN SOLUTION
DEFAULT_LIMIT = 10
MAX_LIMIT = 50
STATUSES = {"pending", "succeeded", "failed"}
CURRENCIES = {"EUR", "USD", "GBP"}


def read_limit():
    raw = request.args.get("limit")
    if raw is None:
        return DEFAULT_LIMIT
    # Digits only: int() would also take " 5", "+5" and "٥".
    if not re.fullmatch("[0-9]+", raw) or int(raw) < 1:
        abort(400, description="limit must be a positive integer")
    return min(int(raw), MAX_LIMIT)


def read_filters():
    """The filters of this request, normalised so that equal filters compare equal."""
    status = request.args.get("status")
    if status is not None and status not in STATUSES:
        abort(400, description=f"status must be one of {sorted(STATUSES)}")
    after = request.args.get("created_after")
    if after is not None:
        try:
            moment = datetime.fromisoformat(after)
        except ValueError:
            abort(400, description="created_after must be an ISO 8601 date-time")
        if moment.tzinfo is None:
            abort(400, description="created_after needs a time zone")
        after = moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"status": status, "created_after": after}


def sort_key(payment):
    # Newest first; the id breaks ties between payments created in the same second.
    return (payment["created"], payment["id"])


def encode_cursor(payment, filters):
    # Keyset: where the page ended, not how many rows came before it. The
    # filters travel with it so that a cursor cannot be reused on another listing.
    position = {"created": payment["created"], "id": payment["id"], "filters": filters}
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        position = json.loads(raw)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        abort(400, description="cursor is not valid")
    if (not isinstance(position, dict) or not isinstance(position.get("created"), str)
            or not isinstance(position.get("id"), str) or not isinstance(position.get("filters"), dict)):
        abort(400, description="cursor is not valid")
    return position


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(STORE=PaymentStore(SEED_PAYMENTS), CLOCK=utc_now)
    if test_config is not None:
        app.config.update(test_config)
    store = app.config["STORE"]
    # Idempotency records of this app: (client, key) -> the request body and the first response.
    replies = {}

    @app.errorhandler(400)
    @app.errorhandler(404)
    def json_error(error):
        return jsonify(error=error.description), error.code

    @app.get("/payments")
    def list_payments():
        limit = read_limit()
        filters = read_filters()
        rows = store.all()
        if filters["status"] is not None:
            rows = [p for p in rows if p["status"] == filters["status"]]
        if filters["created_after"] is not None:
            rows = [p for p in rows if p["created"] > filters["created_after"]]
        rows.sort(key=sort_key, reverse=True)
        cursor = request.args.get("cursor")
        if cursor is not None:
            position = decode_cursor(cursor)
            if position["filters"] != filters:
                abort(400, description="this cursor belongs to a listing with other filters")
            rows = [p for p in rows if sort_key(p) < (position["created"], position["id"])]
        page = rows[:limit]
        body = {"items": page, "next": None}
        response = jsonify(body)
        if len(rows) > limit:
            args = {k: request.args[k] for k in ("status", "created_after") if k in request.args}
            body["next"] = url_for("list_payments", limit=limit, cursor=encode_cursor(page[-1], filters), **args)
            response = jsonify(body)
            response.headers["Link"] = f'<{body["next"]}>; rel="next"'
        return response

    @app.get("/payments/<payment_id>")
    def get_payment(payment_id):
        payment = store.get(payment_id)
        if payment is None:
            abort(404, description=f"no payment {payment_id}")
        return payment

    @app.post("/payments")
    def create_payment():
        data = request.get_json(silent=True)
        key = request.headers.get("Idempotency-Key")
        record_id = (request.headers.get("X-Client-Id", ""), key)
        if key is not None and record_id in replies:
            first = replies[record_id]
            # The same JSON value, whatever its key order or spacing, is a retry.
            if first["request"] != data:
                return jsonify(error="this Idempotency-Key was used with another request body"), 409
            return jsonify(first["body"]), first["status"], {"Location": first["location"]}
        if not isinstance(data, dict):
            abort(400, description="the body must be a JSON object")
        amount, currency = data.get("amount"), data.get("currency")
        description = data.get("description")
        if type(amount) is not int or amount < 1:
            abort(400, description="amount must be a positive integer (cents)")
        if currency not in CURRENCIES:
            abort(400, description=f"currency must be one of {sorted(CURRENCIES)}")
        if description is not None and not isinstance(description, str):
            abort(400, description="description must be a string")
        payment = store.create(amount, currency, description, app.config["CLOCK"]())
        location = url_for("get_payment", payment_id=payment["id"])
        if key is not None:
            replies[record_id] = {"request": data, "body": payment, "status": 201, "location": location}
        return jsonify(payment), 201, {"Location": location}

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the newest payments first, with a `limit` (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `STORE = PaymentStore(SEED_PAYMENTS)` (a new store for each app) and
#   `CLOCK = utc_now` (task 4), then applies `test_config` when one is given;
#   every route reads and writes the store in `app.config["STORE"]`;
# - `GET /payments` answers `200` with a JSON object whose `items` member is
#   a list of payments, exactly as the store holds them, **newest first**:
#   by `created`, latest first, and among payments with the same `created`,
#   by `id`, highest first;
# - `limit` (query string) is how many payments a page holds: `10` when it
#   is absent; a larger value than `50` is served as `50` (capped, **not** an
#   error); anything but a whole number of at least 1 (`0`, `-3`, `abc`,
#   `2.5`) answers `400`. The body of a `400` is up to you.
#
# Task 2 adds the next pages; for now, answer the first `limit` payments.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/payments").expect(200, json_subset={"items": [
    {"id": "pay_0012", "amount": 1999, "currency": "USD", "status": "succeeded", "description": "Gift card", "created": "2024-05-06T09:00:00Z"},
    {"id": "pay_0011", "amount": 450, "currency": "EUR", "status": "failed", "description": "Bar", "created": "2024-05-06T07:30:00Z"},
    {"id": "pay_0010", "amount": 120, "currency": "GBP", "status": "succeeded", "description": "Tea", "created": "2024-05-05T11:00:00Z"},
    {"id": "pay_0009", "amount": 5600, "currency": "EUR", "status": "succeeded", "description": "Wedding deposit", "created": "2024-05-05T11:00:00Z"},
    {"id": "pay_0008", "amount": 700, "currency": "EUR", "status": "pending", "description": "Table 7", "created": "2024-05-04T16:45:00Z"},
    {"id": "pay_0007", "amount": 2500, "currency": "USD", "status": "failed", "description": "Catering", "created": "2024-05-03T12:00:00Z"},
    {"id": "pay_0006", "amount": 3000, "currency": "EUR", "status": "succeeded", "description": "Private dinner", "created": "2024-05-03T08:15:00Z"},
    {"id": "pay_0005", "amount": 150, "currency": "GBP", "status": "succeeded", "description": "Croissant", "created": "2024-05-02T10:00:00Z"},
    {"id": "pay_0004", "amount": 990, "currency": "EUR", "status": "pending", "description": "Table 1", "created": "2024-05-02T10:00:00Z"},
    {"id": "pay_0003", "amount": 4200, "currency": "USD", "status": "succeeded", "description": "Espresso machine", "created": "2024-05-02T10:00:00Z"},
]}, why="the ten newest seed payments, newest first; ties on created by id, highest first")
app.get("/payments?limit=3").expect(200, json_subset={"items": [
    {"id": "pay_0012", "amount": 1999, "currency": "USD", "status": "succeeded", "description": "Gift card", "created": "2024-05-06T09:00:00Z"},
    {"id": "pay_0011", "amount": 450, "currency": "EUR", "status": "failed", "description": "Bar", "created": "2024-05-06T07:30:00Z"},
    {"id": "pay_0010", "amount": 120, "currency": "GBP", "status": "succeeded", "description": "Tea", "created": "2024-05-05T11:00:00Z"},
]}, why="limit=3: the three newest payments")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
def payment(number, created, status="succeeded"):
    return {"id": f"pay_{number:04d}", "amount": 100 + number, "currency": "EUR", "status": status,
            "description": None, "created": created}


# 60 payments, one a minute, stored oldest last so that storage order is not the answer.
many = [payment(n, f"2024-06-01T{10 + n // 60:02d}:{n % 60:02d}:00Z") for n in range(60, 0, -1)]
newest = sorted(many, key=lambda p: p["created"], reverse=True)
app = check_app(create_app, {"STORE": PaymentStore(many)})
app.get("/payments").expect(200, json_subset={"items": newest[:10]}, why="no limit: the 10 newest of this test's 60 payments")
app.get("/payments?limit=1").expect(200, json_subset={"items": newest[:1]}, why="limit=1: the newest payment")
app.get("/payments?limit=50").expect(200, json_subset={"items": newest[:50]}, why="limit=50: the 50 newest payments")
for value in ("51", "100", "5000"):
    app.get(f"/payments?limit={value}").expect(
        200, json_subset={"items": newest[:50]}, why=f"limit={value} is capped at 50, not refused"
    )
for value in ("0", "-3", "abc", "2.5", "10abc"):
    app.get(f"/payments?limit={value}").expect(400, why=f"limit={value} is not a whole number of at least 1")

ties = [payment(n, "2024-06-02T12:00:00Z") for n in (21, 23, 22, 20)] + [payment(19, "2024-06-02T12:00:01Z")]
tied = check_app(create_app, {"STORE": PaymentStore(ties)})
tied.get("/payments").expect(
    200, json_subset={"items": [ties[4], ties[1], ties[2], ties[0], ties[3]]},
    why="pay_0019 is a second newer than the others; pay_0020-0023 share a created time, so the highest id comes first",
)
empty = check_app(create_app, {"STORE": PaymentStore()})
empty.get("/payments").expect(200, json_subset={"items": []}, why="an empty store")
seeded = check_app(create_app)
seeded.get("/payments?limit=12").expect(
    200, json_subset={"items": sorted(SEED_PAYMENTS, key=lambda p: (p["created"], p["id"]), reverse=True)},
    why="a new app starts from the seed payments, even after another app used a store of its own",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: cursors and `Link` headers that survive new payments (4 points)
#
# When more payments follow the page, the answer links to the next page in
# two places, with the same URL:
#
# - a `Link` header (RFC 8288) with `rel="next"`:
#   `Link: </payments?limit=5&cursor=...>; rel="next"`. The URL may be
#   relative or absolute; the tests parse the header and follow the link
#   exactly as given;
# - a `next` member in the body, next to `items`: that URL, or `null`
#   when there is no next page (then there is no `rel="next"` link either).
#   When the last page is exactly full you may still link to a next page, but
#   that one must be empty and link nowhere.
#
# The next page keeps the first request's `limit`. The URL carries an
# opaque `cursor` query parameter, whose content is up to you, and the
# tests never read it. Terminals keep adding payments while a back office
# reads the pages, so the cursor must mark **where the page ended in the
# ordering**, not how many payments came before it:
#
# - following the links from the first page lists every payment that was
#   in the store when the first page was read exactly once, in order, even
#   when payments are added between two requests;
# - a payment added later appears on a later page exactly when it sorts
#   after the last payment already shown (an older `created`, or the same
#   `created` and a lower `id`), and never otherwise;
# - a `cursor` your app could not have issued (`not-a-cursor`, random
#   bytes, base64 of something else) answers `400`, never a `500`.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.links import walk_pages

app = check_app(create_app)
_pages = walk_pages(app, "/payments?limit=5", page_size=5)
_ids = [_p["id"] for _page in _pages for _p in _page]
assert _ids == ["pay_0012", "pay_0011", "pay_0010", "pay_0009", "pay_0008", "pay_0007",
                "pay_0006", "pay_0005", "pay_0004", "pay_0003", "pay_0002", "pay_0001"], (
    "GET /payments?limit=5, then following each page's rel=\"next\" link, should list the 12 seed payments "
    f"newest first, each once; got {_ids}"
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 3}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.links import link_target, request_target, walk_pages

### BEGIN HIDDEN TESTS
def payment(number, created):
    return {"id": f"pay_{number:04d}", "amount": 500, "currency": "EUR", "status": "succeeded",
            "description": "added meanwhile", "created": created}


def ids(pages):
    return [p["id"] for page in pages for p in page]


store = PaymentStore(SEED_PAYMENTS)
app = check_app(create_app, {"STORE": store})
first = app.get("/payments?limit=4").expect(200, why="the first page of four")
next_url = link_target(first, "next")
assert next_url is not None, f"GET /payments?limit=4 should link rel=\"next\" to the next page, got {first.describe('Link')}"
added = [
    payment(101, "2024-06-01T00:00:00Z"),  # newer than everything: at the start
    payment(102, "2024-05-05T12:00:00Z"),  # between payments already shown
    payment(103, "2024-05-05T11:00:00Z"),  # same created as pay_0009, the last one shown, but a higher id
    payment(0, "2024-05-05T11:00:00Z"),    # same created as pay_0009 and a lower id: after it
    payment(104, "2024-05-02T11:00:00Z"),  # in the middle of the pages not read yet
]
for extra in added:
    store.insert(extra)
rest = ids(walk_pages(app, request_target(next_url), page_size=4))
expected = ["pay_0000", "pay_0008", "pay_0007", "pay_0006", "pay_0104", "pay_0005", "pay_0004", "pay_0003", "pay_0002", "pay_0001"]
assert rest == expected, (
    "GET /payments?limit=4 showed pay_0012, pay_0011, pay_0010 and pay_0009; then payments were added: "
    "pay_0101 (newest of all), pay_0102 (between pages already read), pay_0103 (same created as pay_0009, "
    "higher id), pay_0000 (same created as pay_0009, lower id) and pay_0104 (among the pages not read). "
    f"Following the next links should list {expected}; got {rest}"
)

# Five payments created in the same second: page ends fall between them.
same = [payment(n, "2024-06-03T08:00:00Z") for n in (31, 35, 33, 32, 34)] + [payment(30, "2024-06-03T07:59:59Z")]
tied = check_app(create_app, {"STORE": PaymentStore(same)})
for size in (2, 3):
    got = ids(walk_pages(tied, f"/payments?limit={size}", page_size=size))
    assert got == ["pay_0035", "pay_0034", "pay_0033", "pay_0032", "pay_0031", "pay_0030"], (
        f"pay_0031 to pay_0035 share one created time; GET /payments?limit={size} and its next links "
        f"should list pay_0035 down to pay_0030, each once; got {got}"
    )

exact = check_app(create_app, {"STORE": PaymentStore(same[:4])})
got = ids(walk_pages(exact, "/payments?limit=2", page_size=2))
assert got == ["pay_0035", "pay_0033", "pay_0032", "pay_0031"], (
    f"four payments in pages of two should list pay_0035, pay_0033, pay_0032, pay_0031; got {got}"
)
single = check_app(create_app, {"STORE": PaymentStore(same[:3])})
only = single.get("/payments?limit=5").expect(200, json_subset={"next": None}, why="three payments fit on one page of five")
assert link_target(only, "next") is None, f"a page that holds everything links nowhere, got {only.describe('Link')}"

fresh = check_app(create_app)
for cursor in ("not-a-cursor", "%00%FF%FE", "eyJ4IjogMX0", "W10", "'%20OR%201=1--"):
    fresh.get(f"/payments?cursor={cursor}").expect(400, why=f"cursor={cursor} was never issued by the app")
    fresh.get(f"/payments?limit=3&cursor={cursor}").expect(400, why=f"cursor={cursor} was never issued by the app")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: filters that stay with their cursor (3 points)
#
# Back offices look for failed payments, or for what came in since their
# last visit. `GET /payments` takes two optional filters, which combine with
# each other and with `limit` and the pages of task 2:
#
# - `status`: one of `pending`, `succeeded`, `failed` (exactly these
#   spellings); only payments with that status are listed. Any other value,
#   the empty one included, answers `400`;
# - `created_after`: an ISO 8601 date-time **with a time zone**, such as
#   `2024-05-03T08:00:00Z` or `2024-05-03T10:00:00+02:00` (the same instant;
#   the `+` is sent URL-encoded as `%2B`); only payments created strictly
#   after that instant are listed. A value that is not a date-time, or one
#   without a time zone (`2024-05-03T08:00:00`, `2024-05-03`), answers `400`.
#
# Following the `next` links of a filtered listing gives the next pages of
# **the same** filtered listing: whether the filters travel inside your
# cursor or as query parameters in the link is up to you. A cursor belongs
# to the filters of the listing that issued it: a request that sends a
# cursor with a `status` or `created_after` other than that listing's (a
# value changed, or a filter the listing did not have) answers `400`
# instead of mixing two listings. Two cases are yours to decide, and both
# answers are accepted: a cursor sent without a filter its listing had, and
# a `created_after` naming the listing's instant another way (`+02:00`
# instead of `Z`) may answer `400` or go on with the listing's next page.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app
from autograder.links import walk_pages

app = check_app(create_app)
_ids = [_p["id"] for _page in walk_pages(app, "/payments?status=succeeded&limit=3", page_size=3) for _p in _page]
assert _ids == ["pay_0012", "pay_0010", "pay_0009", "pay_0006", "pay_0005", "pay_0003", "pay_0001"], (
    "GET /payments?status=succeeded&limit=3 and its next links should list the 7 succeeded seed "
    f"payments newest first; got {_ids}"
)
app.get("/payments?created_after=2024-05-04T00:00:00Z").expect(200, json_subset={"items": [
    {"id": "pay_0012", "amount": 1999, "currency": "USD", "status": "succeeded", "description": "Gift card", "created": "2024-05-06T09:00:00Z"},
    {"id": "pay_0011", "amount": 450, "currency": "EUR", "status": "failed", "description": "Bar", "created": "2024-05-06T07:30:00Z"},
    {"id": "pay_0010", "amount": 120, "currency": "GBP", "status": "succeeded", "description": "Tea", "created": "2024-05-05T11:00:00Z"},
    {"id": "pay_0009", "amount": 5600, "currency": "EUR", "status": "succeeded", "description": "Wedding deposit", "created": "2024-05-05T11:00:00Z"},
    {"id": "pay_0008", "amount": 700, "currency": "EUR", "status": "pending", "description": "Table 7", "created": "2024-05-04T16:45:00Z"},
]}, why="the seed payments created after 2024-05-04T00:00:00Z")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app
from autograder.links import link_target, request_target, walk_pages

### BEGIN HIDDEN TESTS
from urllib.parse import parse_qsl, urlencode, urlsplit


def listed(path, size):
    return [p["id"] for page in walk_pages(app, path, page_size=size) for p in page]


def with_query(url, **changes):
    """The same URL with some query parameters replaced, added (a value) or removed (None)."""
    parts = urlsplit(request_target(url))
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in changes]
    query += [(k, v) for k, v in changes.items() if v is not None]
    return f"{parts.path}?{urlencode(query)}"


app = check_app(create_app)
cases = [
    ("/payments?status=failed", 10, ["pay_0011", "pay_0007", "pay_0002"]),
    ("/payments?status=pending&limit=1", 1, ["pay_0008", "pay_0004"]),
    ("/payments?created_after=2024-05-02T10:00:00Z&limit=2", 2,
     ["pay_0012", "pay_0011", "pay_0010", "pay_0009", "pay_0008", "pay_0007", "pay_0006"]),
    ("/payments?created_after=2024-05-03T10:00:00%2B02:00&limit=2", 2,
     ["pay_0012", "pay_0011", "pay_0010", "pay_0009", "pay_0008", "pay_0007", "pay_0006"]),
    ("/payments?created_after=2024-05-03T08:15:00-01:00&status=succeeded", 10, ["pay_0012", "pay_0010", "pay_0009"]),
    ("/payments?limit=3&status=succeeded&created_after=2024-05-01T09:00:00Z", 3,
     ["pay_0012", "pay_0010", "pay_0009", "pay_0006", "pay_0005", "pay_0003"]),
]
for path, size, expected in cases:
    got = listed(path, size)
    assert got == expected, (
        f"GET {path} and its next links should list {expected} (created_after is strictly after that "
        f"instant, time zone included); got {got}"
    )
for query in ("status=refunded", "status=", "status=FAILED", "status=Succeeded", "created_after=yesterday", "created_after=2024-05-03T08:00:00",
              "created_after=2024-05-03", "created_after=2024-13-01T00:00:00Z"):
    app.get(f"/payments?{query}").expect(400, why=f"{query} is not a valid filter")

first = app.get("/payments?status=succeeded&limit=2").expect(200)
onward = link_target(first, "next")
assert onward is not None, f"GET /payments?status=succeeded&limit=2 should link to a next page, got {first.describe('Link')}"
app.get(request_target(onward)).expect(200, why="the next link of a succeeded listing, as given")
for change, label in (({"status": "failed"}, "status changed to failed"),
                      ({"created_after": "2024-05-01T00:00:00Z"}, "created_after added")):
    app.get(with_query(onward, **change)).expect(400, why=f"the cursor of a status=succeeded listing, {label}")
dated = app.get("/payments?created_after=2024-05-01T00:00:00Z&limit=3").expect(200)
onward = link_target(dated, "next")
assert onward is not None, f"GET /payments?created_after=2024-05-01T00:00:00Z&limit=3 should link to a next page, got {dated.describe('Link')}"
for change, label in (({"created_after": "2024-04-01T00:00:00Z"}, "created_after changed"),
                      ({"status": "pending"}, "status added")):
    app.get(with_query(onward, **change)).expect(400, why=f"the cursor of a created_after listing, {label}")
plain = app.get("/payments?limit=3").expect(200)
onward = link_target(plain, "next")
assert onward is not None, f"GET /payments?limit=3 should link to a next page, got {plain.describe('Link')}"
app.get(with_query(onward, status="failed")).expect(400, why="the cursor of an unfiltered listing, status added")

# Either reading is accepted: a 400, or the next page of the cursor's own listing.
for start, change, label, page in (
    ("/payments?status=succeeded&limit=2", {"status": None}, "sent without its status=succeeded",
     ["pay_0009", "pay_0006"]),
    ("/payments?created_after=2024-05-02T10:00:00Z&limit=2", {"created_after": None},
     "sent without its created_after=2024-05-02T10:00:00Z", ["pay_0010", "pay_0009"]),
    ("/payments?created_after=2024-05-02T10:00:00Z&limit=2", {"created_after": "2024-05-02T12:00:00+02:00"},
     "sent with created_after=2024-05-02T12:00:00+02:00, the same instant", ["pay_0010", "pay_0009"]),
):
    onward = link_target(app.get(start).expect(200), "next")
    assert onward is not None, f"GET {start} should link to a next page"
    reply = app.get(with_query(onward, **change))
    if reply.status_code != 400:
        reply.expect(200, json_subset={"items": [p for i in page for p in SEED_PAYMENTS if p["id"] == i]},
                     why=f"the next link of GET {start}, {label}: a 400, or that listing's next page {page}")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: creating payments, and retries that create nothing (3 points)
#
# Add `POST /payments` and `GET /payments/<payment_id>`.
#
# `POST /payments` takes a JSON object `{"amount": <int>, "currency": <str>,
# "description": <str, optional>}`: `amount` in cents, a JSON integer of at
# least 1 (`true` and `2500.0` are not); `currency` one of `EUR`, `USD`,
# `GBP`; `description` a string when present (`"description": null` may be
# refused or taken as absent: both are accepted). Otherwise (a body that is
# not a JSON object included) it answers `400` or `422` (both are accepted)
# and stores nothing. A valid request stores the payment with
# `store.create(amount, currency, description, app.config["CLOCK"]())`
# (`description` is `None` when absent) and answers `201`, the payment as
# `create` returned it as the JSON body, and `Location: /payments/<id>`
# (relative or absolute). `GET /payments/<id>` answers `200` with the payment,
# or `404` for an unknown id.
#
# Terminals identify themselves with an `X-Client-Id` header (the tests
# always send one) and may send an `Idempotency-Key` header, a string of
# their choice, unique per payment they mean to make:
#
# - a `POST` with a key that this client already used on this app, **with the
#   same body**, is a retry: it creates nothing and answers exactly what the
#   first request answered: the same status (`201`), the same JSON body and
#   the same `Location`, even if the clock has moved on;
# - "the same body" means the same JSON value: a retry may send its keys in
#   another order or with other spacing;
# - a `POST` without a key, or with a key not used before, creates a payment.
#
# The tests never reuse a key after a refused request (`400`/`422`).

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app

app = check_app(create_app, {"STORE": PaymentStore(SEED_PAYMENTS)})
_headers = {"X-Client-Id": "terminal-7", "Idempotency-Key": "a7f0c2e4-visible-4"}
_order = {"amount": 2500, "currency": "EUR", "description": "Table 9"}
_first = app.post("/payments", json=_order, headers=_headers).expect(
    201, json_subset={"id": "pay_0013", **_order, "status": "pending"}, location="/payments/pay_0013",
    why="the next free id after pay_0012",
)
app.post("/payments", json=_order, headers=_headers).expect(
    json=_first.json, why="the same client, Idempotency-Key and body again: the first answer, replayed"
)
app.get("/payments/pay_0014").expect(404, why="the retry must not have created a second payment")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
from datetime import timedelta

start = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
clock = iter([start + timedelta(minutes=n) for n in range(200)]).__next__
store = PaymentStore(SEED_PAYMENTS)
app = check_app(create_app, {"STORE": store, "CLOCK": clock})
terminal = {"X-Client-Id": "terminal-3"}

order = {"amount": 4999, "currency": "GBP", "description": "Anniversary dinner"}
first = app.post("/payments", json=order, headers={**terminal, "Idempotency-Key": "key-dinner"}).expect(
    201, json={"id": "pay_0013", **order, "status": "pending", "created": "2024-06-01T12:00:00Z"},
    location="/payments/pay_0013", why="the first payment, created at the clock's first reading",
)
app.get("/payments/pay_0013").expect(200, json=first.json, why="GET the payment just created")
for attempt in range(2):
    again = app.post("/payments", json=order, headers={**terminal, "Idempotency-Key": "key-dinner"}).expect(
        201, json=first.json, location="/payments/pay_0013",
        why="a retry with the same key and body replays the first answer: same status, body and Location",
    )
assert len(store) == 13, f"two retries of one payment should create nothing; the store now holds {len(store)} payments, not 13"
reordered = '{ "description" : "Anniversary dinner",\n  "currency": "GBP", "amount": 4999 }'
app.post("/payments", data=reordered, content_type="application/json",
         headers={**terminal, "Idempotency-Key": "key-dinner"}).expect(
    201, json=first.json, location="/payments/pay_0013",
    why="the same JSON body with its keys in another order and other spacing is still a retry",
)
assert len(store) == 13, f"a retry with reordered JSON keys should create nothing; the store holds {len(store)} payments, not 13"

coffee = {"amount": 350, "currency": "EUR"}
app.post("/payments", json=coffee, headers=terminal).expect(
    201, json={"id": "pay_0014", **coffee, "description": None, "status": "pending", "created": "2024-06-01T12:01:00Z"},
    location="/payments/pay_0014", why="no Idempotency-Key: a new payment, description null",
)
app.post("/payments", json=coffee, headers=terminal).expect(
    201, json_subset={"id": "pay_0015"}, location="/payments/pay_0015",
    why="without an Idempotency-Key every POST is a new payment",
)
app.post("/payments", json=coffee, headers={**terminal, "Idempotency-Key": "key-coffee-1"}).expect(
    201, json_subset={"id": "pay_0016"}, why="a key never used before creates a payment",
)
app.post("/payments", json=coffee, headers={**terminal, "Idempotency-Key": "key-coffee-2"}).expect(
    201, json_subset={"id": "pay_0017"}, why="another new key creates another payment",
)

invalid = [
    ({"currency": "EUR"}, "amount is missing"), ({"amount": 0, "currency": "EUR"}, "amount is below 1"),
    ({"amount": -5, "currency": "EUR"}, "amount is negative"), ({"amount": "12", "currency": "EUR"}, "amount is a string"),
    ({"amount": 12.5, "currency": "EUR"}, "amount is not a whole number"),
    ({"amount": 2500.0, "currency": "EUR"}, "amount is 2500.0, a JSON number with a fraction part, not an integer"),
    ({"amount": True, "currency": "EUR"}, "amount is true, a boolean"),
    ({"amount": 100}, "currency is missing"), ({"amount": 100, "currency": "JPY"}, "JPY is not accepted"),
    ({"amount": 100, "currency": "EUR", "description": 5}, "description is not a string"),
    ([100, "EUR"], "the body is a list"),
]
for body, reason in invalid:
    app.post("/payments", json=body, headers=terminal).expect((400, 422), why=reason)
app.post("/payments", data="{amount: 100", content_type="application/json", headers=terminal).expect(
    (400, 422), why="the body is not valid JSON")
app.post("/payments", headers=terminal).expect((400, 422), why="there is no body")
assert len(store) == 17, f"refused requests should store nothing; the store holds {len(store)} payments, not 17"
app.get("/payments/pay_9999").expect(404, why="there is no payment pay_9999")

# "description": null may be refused, or taken as absent; either way, nothing else.
nulled = PaymentStore(SEED_PAYMENTS)
other = check_app(create_app, {"STORE": nulled, "CLOCK": lambda: start})
reply = other.post("/payments", json={"amount": 720, "currency": "USD", "description": None}, headers=terminal)
if reply.status_code in (400, 422):
    assert len(nulled) == 12, f"a refused POST with description null stored a payment; the store holds {len(nulled)}, not 12"
else:
    reply.expect(201, json={"id": "pay_0013", "amount": 720, "currency": "USD", "description": None, "status": "pending",
                            "created": "2024-06-01T12:00:00Z"}, location="/payments/pay_0013",
                 why="description null is refused (400 or 422), or taken as absent: a payment with description null")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a key reused for another payment, and keys per client (3 points)
#
# - A `POST` with a key that this client already used on this app but with a
#   **different** body is a client bug, not a retry: it answers `409` or
#   `422` (both are accepted), creates nothing, and leaves the key as it was:
#   a later retry with the first body still replays the first answer.
# - Keys belong to a client: another `X-Client-Id` that sends the same key
#   (with the same body or another) makes a payment of its own, and each
#   client's retries replay its own first answer.
# - Keys belong to an app's own records: a new app, even one given the same
#   store, has seen no keys yet.
#
# Concurrent retries (a second request while the first is still running)
# are not tested; task 6 asks about them.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder import check_app

app = check_app(create_app, {"STORE": PaymentStore(SEED_PAYMENTS)})
_headers = {"X-Client-Id": "terminal-7", "Idempotency-Key": "b91d-visible-5"}
app.post("/payments", json={"amount": 1200, "currency": "EUR"}, headers=_headers).expect(
    201, location="/payments/pay_0013", why="a first payment with this key"
)
app.post("/payments", json={"amount": 9900, "currency": "EUR"}, headers=_headers).expect(
    (409, 422), why="the same key with another amount is not a retry"
)
app.get("/payments/pay_0014").expect(404, why="a refused reuse of a key must not create a payment")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
store = PaymentStore(SEED_PAYMENTS)
app = check_app(create_app, {"STORE": store})
shop = {"X-Client-Id": "bakery-12", "Idempotency-Key": "order-77"}
cafe = {"X-Client-Id": "cafe-3", "Idempotency-Key": "order-77"}
bread = {"amount": 640, "currency": "EUR", "description": "Bread"}
first = app.post("/payments", json=bread, headers=shop).expect(201, location="/payments/pay_0013")
for changed, what in (({**bread, "amount": 6400}, "another amount"), ({"amount": 640, "currency": "EUR"}, "no description"),
                      ({**bread, "currency": "GBP"}, "another currency")):
    app.post("/payments", json=changed, headers=shop).expect((409, 422), why=f"the same key with {what} is not a retry")
assert len(store) == 13, f"refused reuses of a key should create nothing; the store holds {len(store)} payments, not 13"
app.post("/payments", json=bread, headers=shop).expect(
    json=first.json, why="after a refused reuse, a retry with the first body still replays the first answer",
)

theirs = app.post("/payments", json=bread, headers=cafe).expect(
    201, json_subset={"id": "pay_0014"}, location="/payments/pay_0014",
    why="another client's Idempotency-Key is its own, even with the same value and body",
)
app.post("/payments", json={"amount": 99, "currency": "USD"}, headers={**cafe, "Idempotency-Key": "order-78"}).expect(
    201, json_subset={"id": "pay_0015"}, why="a key of the cafe that only it has used",
)
app.post("/payments", json={"amount": 1500, "currency": "USD"}, headers={**shop, "Idempotency-Key": "order-78"}).expect(
    201, json_subset={"id": "pay_0016", "amount": 1500}, why="the bakery's first use of order-78: the cafe's use is not its business",
)
app.post("/payments", json=bread, headers=cafe).expect(json=theirs.json, why="the cafe's retry replays the cafe's first answer")
app.post("/payments", json=bread, headers=shop).expect(json=first.json, why="the bakery's retry replays the bakery's first answer")
assert len(store) == 16, f"the store should hold 16 payments after three new ones and retries; it holds {len(store)}"

again = check_app(create_app, {"STORE": store})
again.post("/payments", json=bread, headers=shop).expect(
    201, json_subset={"id": "pay_0017"}, location="/payments/pay_0017",
    why="a new app has seen no Idempotency-Key yet, even with the same store",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Your idempotency records live in the app's memory. Tillpoint is about to
# run the API as four gunicorn workers on each of two machines, behind a load
# balancer, and a terminal on a slow network often retries while its first
# request is still running. In a few sentences: what goes wrong with your
# design there, where and how would you store the records instead (say what
# makes two concurrent requests with one key safe), and for how long would
# you keep them?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Each worker process has its own dict, so a retry that the
# load balancer sends to another worker (or machine) finds no record and
# charges the customer again; a restart or deploy forgets every key too. And
# even in one process, a retry that arrives while the first request is still
# running misses the record (it is only written at the end) and creates a
# second payment. The records belong in the shared database (or Redis): a
# table keyed by `(client_id, idempotency_key)` with a **unique constraint**,
# holding a fingerprint of the request (a hash of the canonical JSON), a state
# (`in progress` / `done`) and the stored response (status, body, headers).
# The request *claims* the key first, with an atomic insert (`INSERT ... ON
# CONFLICT DO NOTHING`, `SET NX`): the winner does the work and stores the
# response in the same transaction as the payment; a concurrent retry that
# loses the race sees `in progress` and answers `409` (or waits), a later one
# replays the stored response. Keys expire after a window the API documents,
# e.g. 24 hours (Stripe's choice), long enough for every retry policy, with a
# job (or Redis TTL) that deletes older rows.
#
# **Rubric (1 point each).**
# 1. Names a real failure: per-process memory is not shared by workers or
#    machines (and is lost on restart), so retries on another worker create
#    duplicates; or the check-then-create race for concurrent retries.
# 2. A shared store with an atomic claim of `(client, key)`: unique
#    constraint / insert-if-absent / `SET NX` / row lock, with an "in
#    progress" answer (409 or wait) for the concurrent retry, ideally the
#    response stored in the same transaction as the payment.
# 3. An expiry with a reason (hours to a day, matching the clients' retry
#    window; storage bounded), and the request fingerprint kept to detect a
#    reused key.

# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Authorization: who may do what in the Tally expenses API
#
# Tally is a small expenses service: employees file expense claims, managers
# approve them, auditors read everything. Its API already knows **who** sends
# each request (authentication is done for you, in the locked cell below: a
# fixed table of API tokens). What it does not know yet is **whether they may**.
# You will add the authorization: scopes and roles checked in one place, close
# to the views; `401` and `403` used for what they mean; claims that only their
# owner can see or change; and a log line for every decision, for the security
# team.
#
# **Who is who.** Each token grants a user some **roles** (what the person is:
# `employee`, `manager`, `auditor`) and some **scopes** (what this token may
# be used for: `expenses:read`, `expenses:write`, `expenses:approve`). A user
# can hold several tokens with different scopes: Ana's budgeting app has a
# read-only token.
#
# **The API you build**, task by task (the *action* column is used in task 5):
#
# | request | action | who may |
# | --- | --- | --- |
# | `GET /health` | | anyone, no token needed |
# | `GET /me` | `read_profile` | any authenticated user |
# | `GET /expenses` | `list_expenses` | scope `expenses:read`: the caller's own claims |
# | `POST /expenses` | `create_expense` | scope `expenses:write` |
# | `GET /reports/expenses` | `list_all_expenses` | scope `expenses:read` and role `auditor` or `manager` |
# | `POST /expenses/<id>/approve` | `approve_expense` | scope `expenses:approve` and role `manager`, not for their own claim |
# | `GET /expenses/<id>` | `read_expense` | scope `expenses:read`; the owner, or role `auditor` or `manager` |
# | `PATCH /expenses/<id>` | `update_expense` | scope `expenses:write`; the owner only |
#
# **Error bodies.** Refusals are JSON objects with an `error` member:
# `401` has `{"error": "unauthorized"}`, `403` has `{"error": "forbidden"}`,
# `404` has `{"error": "not found"}`. You may add members to a `401` or `403`
# body (a `detail` sentence, say); task 4 says what a `404` may contain.
# Mind that `abort(jsonify(...), 404)` sends `200`: given a response, `abort`
# ignores the code. Use `abort(404)` with an error handler, or set the
# response's status yourself.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `/health`, `/me` and the `401` | 3 |
# | 2 | scopes: listing and filing claims, `403` versus `401` | 4 |
# | 3 | roles: reports and approvals | 4 |
# | 4 | owner-only claims that do not reveal which ids exist | 5 |
# | 5 | a log record for every decision | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes:
# a decorator on each view, a policy checked in `before_request`, class-based
# views, blueprints. You use Flask and the standard library's `logging`; no
# other package is needed.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask and Python documentation while you work.

# %% nbgrader={"grade_id": "accounts", "locked": true}
# Authentication, given: the tokens, the claims the app starts with, and
# authenticate(). Do not edit this cell.
from dataclasses import dataclass

SEED_TOKENS = {
    "tok-ana-7f3c": {"user": "ana", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "tok-ana-ro-5e1a": {"user": "ana", "roles": ["employee"], "scopes": ["expenses:read"]},
    "tok-ben-91d2": {"user": "ben", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "tok-mia-c40e": {
        "user": "mia", "roles": ["employee", "manager"],
        "scopes": ["expenses:read", "expenses:write", "expenses:approve"],
    },
    "tok-zoe-2b88": {"user": "zoe", "roles": ["auditor"], "scopes": ["expenses:read"]},
}
SEED_EXPENSES = [
    {"id": 1, "owner": "ana", "description": "Train to Lyon", "amount_cents": 8450, "status": "submitted"},
    {"id": 2, "owner": "ben", "description": "Client dinner", "amount_cents": 12900, "status": "submitted"},
    {"id": 3, "owner": "ana", "description": "Conference ticket", "amount_cents": 39900, "status": "approved"},
    {"id": 4, "owner": "mia", "description": "Taxi to the airport", "amount_cents": 2300, "status": "submitted"},
]


@dataclass(frozen=True)
class Identity:
    """Who sent a request: a user id, the user's roles and the token's scopes."""

    user: str
    roles: frozenset
    scopes: frozenset


def authenticate(authorization, tokens):
    """Return the Identity for an ``Authorization`` header value, or None.

    ``authorization`` is the header's value (``request.headers.get("Authorization")``),
    ``tokens`` a table like SEED_TOKENS (use the app's ``TOKENS`` config).
    None means "not authenticated": no header, a scheme other than Bearer,
    or a token the table does not know.
    """
    scheme, _, token = (authorization or "").strip().partition(" ")
    grant = tokens.get(token.strip()) if scheme.lower() == "bearer" else None
    if grant is None:
        return None
    return Identity(grant["user"], frozenset(grant["roles"]), frozenset(grant["scopes"]))


# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and your authorization code in the cell
# below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")

### BEGIN SOLUTION
EDITABLE = ("description", "amount_cents")
ERRORS = {401: "unauthorized", 403: "forbidden", 404: "not found"}
SEE_EVERY_CLAIM = frozenset({"auditor", "manager"})


def log_decision(allowed):
    """One record per decision, with the fields the security team searches on."""
    identity = g.get("identity")
    user = identity.user if identity is not None else None
    decisions.log(
        logging.INFO if allowed else logging.WARNING,
        "%s %s %s: %s", user, g.action, request.path, "allowed" if allowed else "denied",
        extra={"user": user, "action": g.action, "resource": request.path, "allowed": allowed},
    )


def refuse(status):
    log_decision(False)
    abort(status)


def require(action, scope=None, roles=None):
    """Authenticate, then check the token's scope and the user's roles, before the view runs."""

    def decorate(view):
        @wraps(view)
        def checked_view(**kwargs):
            g.action = action
            g.identity = authenticate(request.headers.get("Authorization"), current_app.config["TOKENS"])
            # Who you are comes first: no identity is 401, whatever the view needs.
            if g.identity is None:
                refuse(401)
            if scope is not None and scope not in g.identity.scopes:
                refuse(403)
            if roles is not None and not g.identity.roles & roles:
                refuse(403)
            log_decision(True)
            return view(**kwargs)

        return checked_view

    return decorate


def error_response(error):
    response = jsonify(error=ERRORS[error.code])
    response.status_code = error.code
    if error.code == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="tally"'
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(TOKENS=SEED_TOKENS, EXPENSES=SEED_EXPENSES)
    if test_config is not None:
        app.config.update(test_config)
    for code in ERRORS:
        app.register_error_handler(code, error_response)

    # The app's own copies: claims filed in one app never reach another.
    expenses = {expense["id"]: dict(expense) for expense in app.config["EXPENSES"]}

    def claim_for(expense_id, readers=frozenset()):
        """The claim if the caller may see it; otherwise the same 404 as for an id that does not exist."""
        expense = expenses.get(expense_id)
        if expense is None or not (expense["owner"] == g.identity.user or g.identity.roles & readers):
            refuse(404)
        log_decision(True)
        return expense

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/me")
    @require("read_profile")
    def me():
        identity = g.identity
        return {"user": identity.user, "roles": sorted(identity.roles), "scopes": sorted(identity.scopes)}

    @app.get("/expenses")
    @require("list_expenses", scope="expenses:read")
    def list_expenses():
        return jsonify([e for _, e in sorted(expenses.items()) if e["owner"] == g.identity.user])

    @app.post("/expenses")
    @require("create_expense", scope="expenses:write")
    def create_expense():
        data = request.get_json()
        expense = {
            "id": max(expenses, default=0) + 1,
            # The owner comes from the token, never from the body.
            "owner": g.identity.user,
            "description": data["description"],
            "amount_cents": data["amount_cents"],
            "status": "submitted",
        }
        expenses[expense["id"]] = expense
        return expense, 201

    @app.get("/reports/expenses")
    @require("list_all_expenses", scope="expenses:read", roles=SEE_EVERY_CLAIM)
    def list_all_expenses():
        return jsonify([e for _, e in sorted(expenses.items())])

    @app.post("/expenses/<int:expense_id>/approve")
    @require("approve_expense", scope="expenses:approve", roles={"manager"})
    def approve_expense(expense_id):
        expense = expenses.get(expense_id)
        if expense is None:
            refuse(404)
        if expense["owner"] == g.identity.user:
            refuse(403)
        log_decision(True)
        expense["status"] = "approved"
        return expense

    @app.get("/expenses/<int:expense_id>")
    @require("read_expense", scope="expenses:read")
    def read_expense(expense_id):
        return claim_for(expense_id, readers=SEE_EVERY_CLAIM)

    @app.patch("/expenses/<int:expense_id>")
    @require("update_expense", scope="expenses:write")
    def update_expense(expense_id):
        expense = claim_for(expense_id)
        data = request.get_json()
        for key in EDITABLE:
            if key in data:
                expense[key] = data[key]
        return expense

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the factory, `/me` and the `401` (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `TOKENS = SEED_TOKENS` and `EXPENSES = SEED_EXPENSES`, then applies
#   `test_config` when one is given. Authenticate against the app's `TOKENS`
#   with `authenticate(request.headers.get("Authorization"), ...)`;
# - `GET /health` answers `200` with `{"status": "ok"}` to anyone, with or
#   without a token;
# - `GET /me` answers `200` with
#   `{"user": <user>, "roles": [...], "scopes": [...]}` (the lists sorted)
#   for any authenticated caller;
# - a request that is not authenticated (no `Authorization` header, a token
#   the table does not know, a scheme other than `Bearer`: whatever makes
#   `authenticate` return `None`) answers `401` with
#   `{"error": "unauthorized"}` and a `WWW-Authenticate` header whose scheme
#   is `Bearer`. Parameters after the scheme (`realm="tally"`,
#   `error="invalid_token"`) are allowed, not required.
#
# Every endpoint in the table except `/health` answers an unauthenticated
# request this way. Task 2's tests grade the `401` on its endpoints; tasks 3
# and 4 check only that theirs refuse such a request, so one mistake in a
# shared check costs one task.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from werkzeug.datastructures import WWWAuthenticate

from autograder import check_app

app = check_app(create_app)
app.get("/me", headers={"Authorization": "Bearer tok-ana-7f3c"}).expect(
    200, json={"user": "ana", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
)
_reply = app.get("/me").expect(401, json_subset={"error": "unauthorized"}, why="no Authorization header")
_scheme = WWWAuthenticate.from_header(_reply.headers.get("WWW-Authenticate"))
assert _scheme is not None and _scheme.type == "bearer", (
    f"GET /me without a token should answer 401 with a WWW-Authenticate header whose scheme is Bearer, "
    f"got WWW-Authenticate: {_reply.headers.get('WWW-Authenticate')!r}"
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from werkzeug.datastructures import WWWAuthenticate

from autograder import check_app

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
tokens = {
    "t-kim": {"user": "kim", "roles": ["manager", "employee"], "scopes": ["expenses:write", "expenses:read"]},
    "t-lou": {"user": "lou", "roles": [], "scopes": []},
}
app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": []})
app.get("/health").expect(200, json={"status": "ok"}, why="/health needs no token")
for header in ("Bearer nope", "Basic YW5hOnNlY3JldA==", "Bearer t-lou"):
    app.get("/health", headers={"Authorization": header}).expect(
        200, json={"status": "ok"}, why=f"/health answers anyone, also a caller who sends Authorization: {header}",
    )
app.get("/me", headers={"Authorization": "Bearer t-kim"}).expect(
    200, json={"user": "kim", "roles": ["employee", "manager"], "scopes": ["expenses:read", "expenses:write"]},
    why="the token t-kim of this test's TOKENS, roles and scopes sorted",
)
app.get("/me", headers={"Authorization": "Bearer t-lou"}).expect(
    200, json={"user": "lou", "roles": [], "scopes": []}, why="a user with no roles and a token with no scopes",
)
for header, situation in (
    ("Bearer tok-ana-7f3c", "a token of SEED_TOKENS, which this test's TOKENS replace"),
    ("Bearer not-a-token", "a token nobody issued"),
    ("Basic YW5hOnNlY3JldA==", "Basic credentials instead of a Bearer token"),
    ("Bearer", "the Bearer scheme with no token"),
):
    reply = app.get("/me", headers={"Authorization": header}).expect(
        401, json_subset=REFUSED_401, why=situation,
    )
    challenge = WWWAuthenticate.from_header(reply.headers.get("WWW-Authenticate"))
    assert challenge is not None and challenge.type == "bearer", (
        f"GET /me with Authorization: {header} ({situation}) should answer 401 with a WWW-Authenticate header "
        f"whose scheme is Bearer, got WWW-Authenticate: {reply.headers.get('WWW-Authenticate')!r}"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: scopes, and `403` is not `401` (4 points)
#
# Add the claims of the caller:
#
# - `GET /expenses` needs the scope `expenses:read` and answers `200` with a
#   JSON list of the caller's own claims (those whose `owner` is the
#   caller's user), sorted by `id`;
# - `POST /expenses` needs the scope `expenses:write`. The body is a JSON
#   object with `description` and `amount_cents` (the tests send only valid
#   bodies). It files a new claim
#   `{"id": <largest id + 1, or 1>, "owner": <the caller's user>, "description", "amount_cents", "status": "submitted"}`
#   and answers `201` with it. The owner and the status are never taken from
#   the body, whatever it contains;
# - each app works on its own copy of `EXPENSES`, claims included: claims
#   filed or changed in one app (tasks 3 and 4 change them) never show up
#   in another, and the claims of the config's `EXPENSES` never change.
#
# An authenticated caller whose token lacks the scope gets `403` with
# `{"error": "forbidden"}`, and the request changes nothing. An
# unauthenticated request still gets task 1's `401`: authentication is
# checked first, so a missing or unknown token is never a `403`.
#
# Write the rule once (a decorator such as `@require(scope=...)`, or a
# policy table that a `before_request` function checks) rather than
# repeating the checks in every view; you will reuse it in tasks 3 and 4.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/expenses", headers={"Authorization": "Bearer tok-ana-7f3c"}).expect(
    200, json=[SEED_EXPENSES[0], SEED_EXPENSES[2]], why="Ana's claims are 1 and 3",
)
app.post(
    "/expenses", json={"description": "Hotel", "amount_cents": 15000},
    headers={"Authorization": "Bearer tok-ana-ro-5e1a"},
).expect(403, json_subset={"error": "forbidden"}, why="Ana's read-only token has no expenses:write scope")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 3}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
tokens = {
    "t-kim": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "t-kim-ro": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read"]},
    "t-kim-wo": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:write"]},
    "t-lou": {"user": "lou", "roles": ["employee", "manager", "auditor"], "scopes": []},
    "t-max": {"user": "max", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "t-ida": {"user": "ida", "roles": ["manager"], "scopes": ["expenses:read", "expenses:approve"]},
}
claims = [
    {"id": 5, "owner": "max", "description": "Parking", "amount_cents": 800, "status": "submitted"},
    {"id": 9, "owner": "kim", "description": "Printer ink", "amount_cents": 4599, "status": "approved"},
]
kim, kim_ro, kim_wo = ({"Authorization": f"Bearer {t}"} for t in ("t-kim", "t-kim-ro", "t-kim-wo"))
app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
app.get("/expenses", headers=kim_ro).expect(200, json=[claims[1]], why="kim owns claim 9 of this test's EXPENSES")
app.get("/expenses", headers={"Authorization": "Bearer t-max"}).expect(
    200, json=[claims[0]], why="max owns claim 5 only",
)
app.get("/expenses", headers=kim_wo).expect(
    403, json_subset=REFUSED_403, why="a token with expenses:write but not expenses:read",
)
app.get("/expenses", headers={"Authorization": "Bearer t-lou"}).expect(
    403, json_subset=REFUSED_403, why="a token with no scopes, whatever roles its user has",
)
app.post("/expenses", json={"description": "Hotel", "amount_cents": 15000}, headers=kim_ro).expect(
    403, json_subset=REFUSED_403, why="a token without expenses:write",
)
app.get("/expenses", headers=kim).expect(
    200, json=[claims[1]], why="a POST refused with 403 must not have filed a claim",
)
app.post("/expenses", json={"description": "Hotel", "amount_cents": 15000}).expect(
    401, json_subset=REFUSED_401, why="no Authorization header: not authenticated, so 401, not 403",
)
app.get("/expenses").expect(401, json_subset=REFUSED_401, why="no Authorization header")

filed = {"id": 10, "owner": "kim", "description": "Hotel", "amount_cents": 15000, "status": "submitted"}
app.post(
    "/expenses", json={"description": "Hotel", "amount_cents": 15000, "owner": "max", "status": "approved"},
    headers=kim,
).expect(201, json=filed, why="the owner is the caller (kim) and a new claim is submitted, whatever the body says")
app.get("/expenses", headers={"Authorization": "Bearer t-max"}).expect(
    200, json=[claims[0]], why="kim's claim must not be filed in max's name",
)
app.get("/expenses", headers=kim).expect(200, json=[claims[1], filed], why="kim now owns claims 9 and 10")
app.post("/expenses", json={"description": "Taxi", "amount_cents": 2100}, headers=kim_wo).expect(
    201, json_subset={"id": 11, "owner": "kim"}, why="a write-only token may file a claim",
)
fresh = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
fresh.get("/expenses", headers=kim).expect(
    200, json=[claims[1]],
    why="a new app built from the same EXPENSES: the claims another app filed must not show up",
)
empty = check_app(create_app, {"TOKENS": tokens, "EXPENSES": []})
reply = empty.post("/expenses", json={"description": "Lunch", "amount_cents": 1200}, headers=kim).expect(
    201, json_subset={"id": 1}, why="with no claims at all, the first id is 1",
)

# Changes made through tasks 3 and 4 must stay in their app. Their answers are not graded here
# (those tasks grade them); only what another app built from the same EXPENSES returns is.
before = [dict(claim) for claim in claims]
for method, path, token, body in (
    ("POST", "/expenses/5/approve", "t-ida", None),
    ("PATCH", "/expenses/9", "t-kim", {"description": "Printer ink and paper", "amount_cents": 5100}),
):
    sent = {"headers": {"Authorization": f"Bearer {token}"}} if body is None else {
        "headers": {"Authorization": f"Bearer {token}"}, "json": body}
    try:
        app.request(method, path, **sent)
    except AssertionError:
        pass
later = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
for token, owner, own in (("t-max", "max", before[:1]), ("t-kim", "kim", before[1:])):
    later.get("/expenses", headers={"Authorization": f"Bearer {token}"}).expect(
        200, json=own,
        why=f"a new app built from the same EXPENSES after another app approved max's claim 5 and changed "
            f"kim's claim 9 must list {owner}'s claims as they were",
    )
assert claims == before, (
    "After one app approved claim 5 (POST /expenses/5/approve) and changed claim 9 (PATCH /expenses/9), "
    f"the claims of the EXPENSES passed to create_app were {claims}, expected them unchanged: {before}. "
    "Each app needs its own copy of every claim, not only of the list"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: roles for reports and approvals (4 points)
#
# Scopes say what a token may be used for; **roles** say what the person is.
# Both must hold:
#
# - `GET /reports/expenses` needs the scope `expenses:read` **and** the role
#   `auditor` or `manager` (either is enough). It answers `200` with every
#   claim, all owners, sorted by `id`;
# - `POST /expenses/<int:expense_id>/approve` needs the scope
#   `expenses:approve` **and** the role `manager`. It sets the claim's
#   `status` to `"approved"` and answers `200` with the claim. An id that
#   does not exist answers `404` with `{"error": "not found"}`. A manager
#   may not approve their **own** claim: `403` with `{"error": "forbidden"}`.
#
# A caller without the role or the scope gets `403` with
# `{"error": "forbidden"}` whatever the id (even one that does not exist),
# and nothing changes; an unauthenticated request gets task 1's `401`.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/reports/expenses", headers={"Authorization": "Bearer tok-zoe-2b88"}).expect(
    200, json=SEED_EXPENSES, why="Zoe is an auditor: every claim, sorted by id",
)
app.get("/reports/expenses", headers={"Authorization": "Bearer tok-ana-7f3c"}).expect(
    403, json_subset={"error": "forbidden"}, why="Ana is neither an auditor nor a manager",
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
tokens = {
    "t-boss": {"user": "kim", "roles": ["employee", "manager"],
               "scopes": ["expenses:read", "expenses:write", "expenses:approve"]},
    "t-boss-ro": {"user": "kim", "roles": ["employee", "manager"], "scopes": ["expenses:read"]},
    "t-clerk": {"user": "max", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write", "expenses:approve"]},
    "t-audit": {"user": "lou", "roles": ["auditor"], "scopes": ["expenses:read"]},
    "t-audit-none": {"user": "lou", "roles": ["auditor"], "scopes": []},
}
claims = [
    {"id": 2, "owner": "max", "description": "Parking", "amount_cents": 800, "status": "submitted"},
    {"id": 6, "owner": "kim", "description": "Printer ink", "amount_cents": 4599, "status": "submitted"},
    {"id": 7, "owner": "lou", "description": "Books", "amount_cents": 6200, "status": "submitted"},
]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
app.get("/reports/expenses", headers=bearer("t-boss-ro")).expect(
    200, json=claims, why="a manager with expenses:read sees every claim of this test's EXPENSES",
)
app.get("/reports/expenses", headers=bearer("t-audit-none")).expect(
    403, json_subset=REFUSED_403, why="an auditor whose token lacks expenses:read",
)
app.get("/reports/expenses", headers=bearer("t-clerk")).expect(
    403, json_subset=REFUSED_403, why="an employee with every scope but neither role",
)
app.get("/reports/expenses").expect((401, 403), why="no Authorization header: refused (a 401, which task 2 grades)")

for token, claim, situation in (
    ("t-boss-ro", 2, "a manager whose token lacks expenses:approve"),
    ("t-clerk", 7, "a token with expenses:approve whose user (max) is not a manager"),
    ("t-audit", 2, "an auditor"),
    ("t-boss-ro", 98, "a manager whose token lacks expenses:approve"),
    ("t-clerk", 98, "a token with expenses:approve whose user (max) is not a manager"),
):
    whose = "a claim that does not exist" if claim == 98 else "someone else's claim"
    app.post(f"/expenses/{claim}/approve", headers=bearer(token)).expect(
        403, json_subset=REFUSED_403, why=f"{situation} approving {whose} {claim}: scope and role come first",
    )
app.post("/expenses/2/approve").expect((401, 403), why="no Authorization header: refused (a 401, which task 2 grades)")
app.post("/expenses/6/approve", headers=bearer("t-boss")).expect(
    403, json_subset=REFUSED_403, why="claim 6 is kim's own: a manager may not approve it",
)
app.get("/reports/expenses", headers=bearer("t-audit")).expect(
    200, json=claims, why="the refused approvals must not have changed any claim",
)
app.post("/expenses/2/approve", headers=bearer("t-boss")).expect(
    200, json={**claims[0], "status": "approved"}, why="kim (a manager) approves max's claim 2",
)
app.post("/expenses/99/approve", headers=bearer("t-boss")).expect(
    404, json_subset=REFUSED_404, why="there is no claim 99",
)
reply = app.get("/reports/expenses", headers=bearer("t-audit")).expect(
    200, json=[{**claims[0], "status": "approved"}, claims[1], claims[2]],
    why="only claim 2 was approved",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: owner-only claims (5 points)
#
# Claim ids are small integers, easy to guess. Add:
#
# - `GET /expenses/<int:expense_id>` needs the scope `expenses:read`. It
#   answers `200` with the claim to its owner (with any of the owner's
#   tokens that has the scope), and to users with the role `auditor` or
#   `manager`;
# - `PATCH /expenses/<int:expense_id>` needs the scope `expenses:write`, and
#   only the claim's owner may use it, whatever their roles. The body is a JSON object that may
#   change `description` and/or `amount_cents`; it answers `200` with the
#   updated claim. `id`, `owner` and `status` never change: a body that
#   also contains them is either answered `200` with those members ignored,
#   or refused with `400` (both are accepted).
#
# **Do not reveal which ids exist.** A claim the caller may not read (or
# may not change, for `PATCH`) gets exactly the answer an id that does not
# exist gets: `404` with `{"error": "not found"}`, the same status, the same
# body and the same `Content-Type`. So the 404 body may not say why (no
# "belongs to someone else"), and it must not differ between the two cases
# in any member.
#
# The scope is checked first: a token without it gets `403` whatever the id
# (existing, someone else's or missing). An unauthenticated request gets
# task 1's `401`.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/expenses/1", headers={"Authorization": "Bearer tok-ana-7f3c"}).expect(
    200, json=SEED_EXPENSES[0], why="claim 1 is Ana's",
)
app.get("/expenses/99", headers={"Authorization": "Bearer tok-ana-7f3c"}).expect(
    404, json_subset={"error": "not found"}, why="there is no claim 99",
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
tokens = {
    "t-kim": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "t-kim-ro": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read"]},
    "t-kim-wo": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:write"]},
    "t-max": {"user": "max", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "t-lou": {"user": "lou", "roles": ["auditor"], "scopes": ["expenses:read"]},
    "t-ida": {"user": "ida", "roles": ["manager"], "scopes": ["expenses:read"]},
}
claims = [
    {"id": 3, "owner": "kim", "description": "Parking", "amount_cents": 800, "status": "submitted"},
    {"id": 4, "owner": "max", "description": "Printer ink", "amount_cents": 4599, "status": "approved"},
    {"id": 8, "owner": "max", "description": "Books", "amount_cents": 6200, "status": "submitted"},
]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
app.get("/expenses/3", headers=bearer("t-kim-ro")).expect(
    200, json=claims[0], why="claim 3 is kim's, read with kim's read-only token",
)
app.get("/expenses/8", headers=bearer("t-lou")).expect(200, json=claims[2], why="lou is an auditor")
app.get("/expenses/4", headers=bearer("t-ida")).expect(200, json=claims[1], why="ida is a manager")

missing = app.get("/expenses/5", headers=bearer("t-kim")).expect(
    404, json_subset=REFUSED_404, why="there is no claim 5",
)
for guess in (1, 2, 4, 6, 7, 8, 9, 10):
    reply = app.get(f"/expenses/{guess}", headers=bearer("t-kim"))
    situation = "max's claim" if guess in (4, 8) else "a claim that does not exist"
    reply.expect(404, json_subset=REFUSED_404, why=f"claim {guess} is {situation}; kim may not read it")
    same = (reply.json == missing.json and reply.response.mimetype == missing.response.mimetype)
    assert same, (
        f"GET /expenses/{guess} ({situation}) answered {reply.describe()}, but a claim that does not exist "
        f"(GET /expenses/5) answered {missing.describe()}: the two must be identical, or the answer tells "
        "kim which ids exist"
    )
for guess in (3, 4, 5):
    app.get(f"/expenses/{guess}", headers=bearer("t-kim-wo")).expect(
        403, json_subset=REFUSED_403,
        why=f"a token without expenses:read gets 403 for claim {guess}, before any owner check",
    )
app.get("/expenses/4").expect((401, 403), why="no Authorization header: refused (a 401, which task 2 grades)")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
tokens = {
    "t-kim": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "t-kim-ro": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read"]},
    "t-max": {"user": "max", "roles": ["employee", "manager", "auditor"], "scopes": ["expenses:read", "expenses:write"]},
}
claims = [
    {"id": 3, "owner": "kim", "description": "Parking", "amount_cents": 800, "status": "submitted"},
    {"id": 4, "owner": "max", "description": "Printer ink", "amount_cents": 4599, "status": "submitted"},
]


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
app.patch("/expenses/3", json={"amount_cents": 950}, headers=bearer("t-kim")).expect(
    200, json={**claims[0], "amount_cents": 950}, why="kim changes the amount of her claim 3",
)
missing = app.patch("/expenses/6", json={"description": "Mine now"}, headers=bearer("t-kim")).expect(
    404, json_subset=REFUSED_404, why="there is no claim 6",
)
other = app.patch("/expenses/4", json={"description": "Mine now"}, headers=bearer("t-kim")).expect(
    404, json_subset=REFUSED_404, why="claim 4 is max's: kim may not change it",
)
assert other.json == missing.json and other.response.mimetype == missing.response.mimetype, (
    f"PATCH /expenses/4 (max's claim) answered {other.describe()}, but a claim that does not exist "
    f"(PATCH /expenses/6) answered {missing.describe()}: the two must be identical"
)
app.get("/expenses/4", headers=bearer("t-max")).expect(
    200, json=claims[1], why="kim's refused PATCH must not have changed max's claim 4",
)
app.patch("/expenses/3", json={"description": "Not mine"}, headers=bearer("t-max")).expect(
    404, json_subset=REFUSED_404,
    why="claim 3 is kim's: only the owner may change it, even a manager and auditor like max",
)
for guess in (3, 4, 6):
    app.patch(f"/expenses/{guess}", json={"description": "x"}, headers=bearer("t-kim-ro")).expect(
        403, json_subset=REFUSED_403, why=f"a token without expenses:write gets 403 for claim {guess}",
    )
app.patch("/expenses/3", json={"description": "x"}).expect((401, 403), why="no Authorization header: refused (a 401, which task 2 grades)")
for sneaky in ({"owner": "max"}, {"status": "approved"}, {"id": 40}):
    reply = app.patch("/expenses/3", json={"description": "Parking, airport", **sneaky}, headers=bearer("t-kim"))
    reply.expect((200, 400), why=f"a body that also sets {next(iter(sneaky))} is ignored in part (200) or refused (400)")
    app.get("/expenses/3", headers=bearer("t-kim")).expect(
        200, json_subset={"id": 3, "owner": "kim", "status": "submitted"},
        why=f"PATCH with {sneaky} must not change the claim's id, owner or status",
    )
app.get("/expenses/4", headers=bearer("t-max")).expect(
    200, json=claims[1], why="nothing kim sent may change max's claim 4",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a log record for every decision (4 points)
#
# The security team wants to search every authorization decision. Log each
# one to the logger named `expenses.authz` (the cell above defines it as
# `decisions`):
#
# - level `INFO` when the decision allows, `WARNING` when it refuses;
# - the record carries four attributes, passed with `extra=`:
#   `user` (the caller's user id, or `None` when the request is not
#   authenticated), `action` (the action of the table at the top, e.g.
#   `"read_expense"`), `resource` (the request's path, e.g.
#   `"/expenses/3"`) and `allowed` (`True` or `False`). For example:
#   `decisions.warning("denied", extra={"user": "ben", "action": "read_expense", "resource": "/expenses/1", "allowed": False})`;
# - the message text is yours, and you may add more attributes. **Never**
#   log the token, in the message or in any attribute.
#
# A request can take several decisions (the scope check, then the owner
# check): log each. Every request to an endpoint of the table (`/health`
# excepted) writes at least one record. A request you refuse with `401`,
# `403` or `404` writes a record with `allowed` `False`; a request that
# succeeds writes only records with `allowed` `True`. Every record of a
# request carries that request's `user`, `action` and `resource`.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
import logging

from autograder import check_app
from autograder.logcapture import describe_records, logged

app = check_app(create_app)
_reply, _records = logged(app, "expenses.authz", "GET", "/me", headers={"Authorization": "Bearer tok-ana-7f3c"})
_reply.expect(200)
assert _records, f"GET /me (Ana's token) wrote no record to the logger expenses.authz; every decision is logged"
for _record in _records:
    _fields = {name: getattr(_record, name, "(missing)") for name in ("user", "action", "resource", "allowed")}
    assert _fields == {"user": "ana", "action": "read_profile", "resource": "/me", "allowed": True} and \
        _record.levelno == logging.INFO, (
            "GET /me with Ana's token is allowed; each of its records should be INFO with user='ana', "
            f"action='read_profile', resource='/me', allowed=True. Logged:\n    {describe_records(_records)}"
        )

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 3}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app
from autograder.logcapture import describe_records, logged

### BEGIN HIDDEN TESTS
REFUSED_401, REFUSED_403, REFUSED_404 = ({"error": w} for w in ("unauthorized", "forbidden", "not found"))
import logging

tokens = {
    "secret-kim-4f1d9a": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read", "expenses:write"]},
    "secret-kim-ro-77ab": {"user": "kim", "roles": ["employee"], "scopes": ["expenses:read"]},
    "secret-ida-0c2e5b": {"user": "ida", "roles": ["employee", "manager"],
                          "scopes": ["expenses:read", "expenses:approve"]},
    "secret-lou-9e3f10": {"user": "lou", "roles": ["auditor"], "scopes": ["expenses:read"]},
}
claims = [
    {"id": 3, "owner": "kim", "description": "Parking", "amount_cents": 800, "status": "submitted"},
    {"id": 4, "owner": "max", "description": "Printer ink", "amount_cents": 4599, "status": "submitted"},
]
app = check_app(create_app, {"TOKENS": tokens, "EXPENSES": claims})
cases = [
    # method, path, token or None, body, user, action
    ("GET", "/me", "secret-kim-4f1d9a", None, "kim", "read_profile"),
    ("GET", "/me", None, None, None, "read_profile"),
    ("GET", "/expenses", "secret-kim-ro-77ab", None, "kim", "list_expenses"),
    ("GET", "/expenses", "no-such-token", None, None, "list_expenses"),
    ("POST", "/expenses", "secret-kim-ro-77ab", {"description": "Hotel", "amount_cents": 100}, "kim", "create_expense"),
    ("POST", "/expenses", "secret-kim-4f1d9a", {"description": "Hotel", "amount_cents": 100}, "kim", "create_expense"),
    ("GET", "/reports/expenses", "secret-kim-4f1d9a", None, "kim", "list_all_expenses"),
    ("GET", "/reports/expenses", "secret-lou-9e3f10", None, "lou", "list_all_expenses"),
    ("POST", "/expenses/4/approve", "secret-lou-9e3f10", None, "lou", "approve_expense"),
    ("POST", "/expenses/4/approve", "secret-ida-0c2e5b", None, "ida", "approve_expense"),
    ("GET", "/expenses/3", "secret-kim-ro-77ab", None, "kim", "read_expense"),
    ("GET", "/expenses/4", "secret-kim-ro-77ab", None, "kim", "read_expense"),
    ("GET", "/expenses/40", "secret-kim-ro-77ab", None, "kim", "read_expense"),
    ("PATCH", "/expenses/4", "secret-kim-4f1d9a", {"description": "x"}, "kim", "update_expense"),
    ("PATCH", "/expenses/3", "secret-kim-4f1d9a", {"description": "Parking, airport"}, "kim", "update_expense"),
]
for method, path, token, body, user, action in cases:
    kwargs = {"headers": {"Authorization": f"Bearer {token}"}} if token else {}
    if body is not None:
        kwargs["json"] = body
    reply, records = logged(app, "expenses.authz", method, path, **kwargs)
    who = f"{method} {path} " + (f"with the token of {user}" if user else "without a valid token")
    shown = describe_records(records)
    status = reply.status_code
    assert status < 300 or status in (401, 403, 404), (
        f"{who} answered {reply.describe()}; this test expects it to succeed or be refused with 401, 403 or 404"
    )
    assert records, f"{who} answered {status} and wrote no record to the logger expenses.authz"
    for record in records:
        fields = {name: getattr(record, name, "(missing)") for name in ("user", "action", "resource")}
        assert fields == {"user": user, "action": action, "resource": path}, (
            f"{who} answered {status}; each of its records should have user={user!r}, action={action!r} "
            f"and resource={path!r}. Logged:\n    {shown}"
        )
        allowed = getattr(record, "allowed", "(missing)")
        assert allowed is True or allowed is False, (
            f"{who}: each record's allowed attribute should be True or False. Logged:\n    {shown}"
        )
        wanted_level = {True: logging.INFO, False: logging.WARNING}[allowed]
        assert record.levelno == wanted_level, (
            f"{who}: a record with allowed={allowed} should be {logging.getLevelName(wanted_level)}. "
            f"Logged:\n    {shown}"
        )
        if token:
            texts = [str(record.msg), str(record.args)] + [repr(v) for v in vars(record).values()]
            assert not any(token in text for text in texts), (
                f"{who}: a record contains the caller's bearer token; never log tokens. Logged:\n    {shown}"
            )
    if status < 300:
        assert all(record.allowed for record in records), (
            f"{who} succeeded ({status}), but a record says it was refused. Logged:\n    {shown}"
        )
    else:
        assert any(record.allowed is False for record in records), (
            f"{who} was refused with {status}, but no record has allowed=False. Logged:\n    {shown}"
        )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Next month a teammate adds `DELETE /expenses/<id>` and forgets your
# decorator (or your policy table) on it. In a few sentences: what happens
# to a request from Ben for Ana's claim in your design, and how would you
# change the design so that a forgotten rule refuses instead of allowing?
# Then: a reviewer suggests answering another user's claim with `403 "not
# your claim"` instead of `404`, "because it is more honest". What does
# that change for an attacker, and when is a `403` for an existing
# resource acceptable?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** With a decorator per view, the new view runs with no
# check at all: Ben (or anyone, without a token) deletes Ana's claim, and
# nothing is logged. To fail closed, enforce the policy centrally: a
# `before_request` hook that looks up `request.endpoint` in a policy table
# and refuses (`403`, or `500` in tests so it is noticed) any endpoint that
# has no entry, with an explicit allow-list for public ones like
# `/health`; or a test that walks `app.url_map` and fails when a view has
# no policy. The owner check still has to happen where the object is loaded
# (a query filtered by owner, `WHERE id = ? AND owner = ?`), so a shared
# helper that loads "a claim the caller may see" is the one way to fetch
# claims.
#
# A `403` for another user's claim and a `404` for a missing one let an
# attacker enumerate which ids exist (and so how many claims the company
# files, or which ids to target) by counting status codes; the difference
# leaks through bodies, headers or timing too. A `404` for both keeps the
# existence of the object as secret as its content. A `403` is fine when the
# caller may already know the resource exists (a manager who sees every
# claim in the report, the scope check that does not depend on the id) or
# when existence is public anyway.
#
# **Rubric (1 point each).**
# 1. Sees that the forgotten decorator leaves the endpoint open (any caller,
#    no log), not merely "it breaks".
# 2. Proposes a fail-closed design: a default-deny `before_request` policy
#    keyed by endpoint with an explicit public allow-list, or an automated
#    check over `app.url_map`; keeps the owner check at the data access.
# 3. Explains that `403` versus `404` reveals which ids exist
#    (enumeration), and names when `403` is acceptable (existence already
#    known or public, or the refusal does not depend on the object).

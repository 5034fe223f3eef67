"""A correct app that authenticates every request in a before_request hook (identity in g) and
authorizes with a small decorator per view; a custom Denied exception with one errorhandler turns
refusals into JSON; ownership is a filtered lookup (claims visible to the caller), so a missing and
a foreign claim are the same None; decision records carry extra fields (status, reason); the 401
challenge is Bearer with error="invalid_token" when a token was sent; helpers named like the test
cells' own variables (bearer, claims, tokens, reply).

expect: full marks
"""
# %% your_app
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")

WORDS = {401: "unauthorized", 403: "forbidden", 404: "not found"}


class Denied(Exception):
    def __init__(self, status, reason):
        super().__init__(reason)
        self.status, self.reason = status, reason


def note(allowed, status=None, reason=""):
    decisions.log(
        logging.INFO if allowed else logging.WARNING,
        "decision",
        extra={"user": g.identity.user if g.identity else None, "action": g.get("action"),
               "resource": request.path, "allowed": allowed, "status": status, "reason": reason},
    )


def deny(status, reason):
    note(False, status, reason)
    raise Denied(status, reason)


def bearer():
    """The caller, from the hook; None when not authenticated."""
    return g.identity


def allow(action, needs=None, *, roles=frozenset()):
    def wrap(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            g.action = action
            if bearer() is None:
                deny(401, "not authenticated")
            if needs and needs not in bearer().scopes:
                deny(403, f"missing scope {needs}")
            if roles and not roles & bearer().roles:
                deny(403, "missing role")
            note(True, reason="scope and role")
            return fn(*args, **kwargs)
        return inner
    return wrap


def claims(app_claims, user=None, readers=frozenset()):
    """The claims the caller may see: their own, or every one for a reader role."""
    if user is None or readers & bearer().roles:
        return dict(app_claims)
    return {i: c for i, c in app_claims.items() if c["owner"] == user}


def create_app(test_config=None):
    app = Flask(__name__)
    settings = {"TOKENS": SEED_TOKENS, "EXPENSES": SEED_EXPENSES, **(test_config or {})}
    app.config.from_mapping(settings)
    tokens = app.config["TOKENS"]
    store = {c["id"]: {**c} for c in app.config["EXPENSES"]}

    @app.before_request
    def who_is_it():
        g.identity = authenticate(request.headers.get("Authorization"), tokens)

    @app.errorhandler(Denied)
    def reply(error):
        response = jsonify(error=WORDS[error.status])
        if error.status == 401:
            sent = "Authorization" in request.headers
            response.headers["WWW-Authenticate"] = 'Bearer realm="tally"' + (', error="invalid_token"' if sent else "")
        return response, error.status

    def visible(claim_id, readers=frozenset()):
        claim = claims(store, bearer().user, readers).get(claim_id)
        if claim is None:
            deny(404, "no such claim for this user")
        note(True, reason="owner or reader")
        return claim

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/me")
    @allow("read_profile")
    def me():
        return {"user": bearer().user, "roles": sorted(bearer().roles), "scopes": sorted(bearer().scopes)}

    @app.get("/expenses")
    @allow("list_expenses", "expenses:read")
    def mine():
        return jsonify([c for _, c in sorted(claims(store, bearer().user).items())])

    @app.post("/expenses")
    @allow("create_expense", "expenses:write")
    def file_claim():
        data = request.get_json()
        new_id = max(store, default=0) + 1
        store[new_id] = {"id": new_id, "owner": bearer().user, "description": data["description"],
                         "amount_cents": data["amount_cents"], "status": "submitted"}
        return jsonify(store[new_id]), 201

    @app.get("/reports/expenses")
    @allow("list_all_expenses", "expenses:read", roles={"auditor", "manager"})
    def report():
        return jsonify([c for _, c in sorted(store.items())])

    @app.post("/expenses/<int:claim_id>/approve")
    @allow("approve_expense", "expenses:approve", roles={"manager"})
    def approve(claim_id):
        claim = store.get(claim_id)
        if claim is None:
            deny(404, "no such claim")
        if claim["owner"] == bearer().user:
            deny(403, "own claim")
        note(True, reason="manager approves")
        claim["status"] = "approved"
        return jsonify(claim)

    @app.get("/expenses/<int:claim_id>")
    @allow("read_expense", "expenses:read")
    def one(claim_id):
        return jsonify(visible(claim_id, readers=frozenset({"auditor", "manager"})))

    @app.patch("/expenses/<int:claim_id>")
    @allow("update_expense", "expenses:write")
    def change(claim_id):
        claim = visible(claim_id)
        data = request.get_json()
        for field in ("description", "amount_cents"):
            if field in data:
                claim[field] = data[field]
        return jsonify(claim)

    return app

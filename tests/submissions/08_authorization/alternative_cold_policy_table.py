"""Deny-by-default policy table keyed by endpoint, checked in before_request; refusals raise a custom exception handled by one error handler; list store; PATCH refuses id/owner/status with 400.

expect: full marks
"""
# %% your_app
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")

# One policy table, checked by a before_request hook; an endpoint missing from
# it is refused (deny by default). Each entry: action, scope, roles (any of).
POLICY = {
    "me": ("read_profile", None, None),
    "list_expenses": ("list_expenses", "expenses:read", None),
    "create_expense": ("create_expense", "expenses:write", None),
    "list_all_expenses": ("list_all_expenses", "expenses:read", ("auditor", "manager")),
    "approve_expense": ("approve_expense", "expenses:approve", ("manager",)),
    "read_expense": ("read_expense", "expenses:read", None),
    "update_expense": ("update_expense", "expenses:write", None),
}
PUBLIC = {"health", "static"}


class Refused(Exception):
    def __init__(self, status):
        self.status = status


def decide(allowed, reason):
    who = g.get("identity")
    level = logging.INFO if allowed else logging.WARNING
    decisions.log(level, "authz %s -> %s (%s)", g.get("action"), "allow" if allowed else "deny", reason,
                  extra={"user": who.user if who is not None else None, "action": g.get("action"),
                         "resource": request.path, "allowed": allowed})
    if not allowed:
        raise Refused({"not authenticated": 401, "not found": 404}.get(reason, 403))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["TOKENS"] = SEED_TOKENS
    app.config["EXPENSES"] = SEED_EXPENSES
    app.config.update(test_config or {})
    store = [dict(claim) for claim in app.config["EXPENSES"]]

    def reply_error(status):
        text = {401: "unauthorized", 403: "forbidden", 404: "not found"}[status]
        response = jsonify({"error": text})
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    app.register_error_handler(Refused, lambda exc: reply_error(exc.status))
    app.register_error_handler(404, lambda exc: reply_error(404))

    @app.before_request
    def enforce_policy():
        if request.endpoint is None or request.endpoint in PUBLIC:
            return None  # unknown route (Flask answers 404/405) or public
        g.identity = authenticate(request.headers.get("Authorization"), current_app.config["TOKENS"])
        rule = POLICY.get(request.endpoint)
        g.action = rule[0] if rule else request.endpoint
        if g.identity is None:
            decide(False, "not authenticated")
        if rule is None:
            decide(False, "no policy for this endpoint")
        _, scope, roles = rule
        if scope and scope not in g.identity.scopes:
            decide(False, f"scope {scope} missing")
        if roles and g.identity.roles.isdisjoint(roles):
            decide(False, f"role {' or '.join(roles)} missing")
        decide(True, "scope and roles")
        return None

    def find(expense_id):
        for claim in store:
            if claim["id"] == expense_id:
                return claim
        decide(False, "not found")

    @app.route("/health")
    def health():
        return {"status": "ok"}

    @app.route("/me")
    def me():
        who = g.identity
        return {"user": who.user, "roles": sorted(who.roles), "scopes": sorted(who.scopes)}

    @app.route("/expenses", methods=["GET"])
    def list_expenses():
        return jsonify(sorted((c for c in store if c["owner"] == g.identity.user), key=lambda c: c["id"]))

    @app.route("/expenses", methods=["POST"])
    def create_expense():
        data = request.get_json(force=True)
        claim = {"id": max((c["id"] for c in store), default=0) + 1, "owner": g.identity.user,
                 "description": data["description"], "amount_cents": data["amount_cents"],
                 "status": "submitted"}
        store.append(claim)
        return claim, 201

    @app.route("/reports/expenses")
    def list_all_expenses():
        return jsonify(sorted(store, key=lambda c: c["id"]))

    @app.route("/expenses/<int:expense_id>/approve", methods=["POST"])
    def approve_expense(expense_id):
        claim = find(expense_id)
        if claim["owner"] == g.identity.user:
            decide(False, "own claim")
        decide(True, "manager approving someone else's claim")
        claim["status"] = "approved"
        return claim

    @app.route("/expenses/<int:expense_id>", methods=["GET"])
    def read_expense(expense_id):
        claim = find(expense_id)
        if claim["owner"] != g.identity.user and g.identity.roles.isdisjoint({"auditor", "manager"}):
            decide(False, "not found")  # same answer as a missing id
        decide(True, "owner or auditor/manager")
        return claim

    @app.route("/expenses/<int:expense_id>", methods=["PATCH"])
    def update_expense(expense_id):
        claim = find(expense_id)
        if claim["owner"] != g.identity.user:
            decide(False, "not found")
        decide(True, "owner")
        data = request.get_json(force=True)
        unknown = {"id", "owner", "status"} & set(data)
        if unknown:
            return {"error": "bad request", "detail": f"{sorted(unknown)} cannot change"}, 400
        claim.update({k: data[k] for k in ("description", "amount_cents") if k in data})
        return claim

    return app

"""A correct app that enforces one policy table, keyed by endpoint, in a before_request hook that
refuses by default (an endpoint with no entry is 403, /health is listed as public); the owner check
is a shared loader the views call; errors are raised as HTTPExceptions and answered by one
HTTPException handler; decisions are logged with decisions.info / decisions.warning.

expect: full marks
"""
# %% your_app
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")

from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import HTTPException

PUBLIC = {"health", "static"}
# endpoint -> (action, scope, roles that may use it, or None for anyone)
POLICY = {
    "me": ("read_profile", None, None),
    "list_expenses": ("list_expenses", "expenses:read", None),
    "create_expense": ("create_expense", "expenses:write", None),
    "report": ("list_all_expenses", "expenses:read", {"auditor", "manager"}),
    "approve": ("approve_expense", "expenses:approve", {"manager"}),
    "read_one": ("read_expense", "expenses:read", None),
    "update_one": ("update_expense", "expenses:write", None),
}
NAMES = {401: "unauthorized", 403: "forbidden", 404: "not found"}


def record(allowed):
    user = g.user.user if g.get("user") else None
    fields = {"user": user, "action": g.get("action"), "resource": request.path, "allowed": allowed}
    if allowed:
        decisions.info("authorization allowed", extra=fields)
    else:
        decisions.warning("authorization denied", extra=fields)


def deny(code):
    record(False)
    abort(code)


def enforce_policy():
    if request.endpoint in PUBLIC:
        return None
    g.user = authenticate(request.headers.get("Authorization"), current_app.config["TOKENS"])
    rule = POLICY.get(request.endpoint)
    if rule is None:
        # Unknown URL: let the router's 404 through; a view without a rule is refused.
        if request.endpoint is None:
            return None
        g.action = request.endpoint
        deny(403)
    g.action, scope, roles = rule
    if g.user is None:
        deny(401)
    if scope and scope not in g.user.scopes:
        deny(403)
    if roles and roles.isdisjoint(g.user.roles):
        deny(403)
    record(True)
    return None


def errors_as_json(error):
    if error.code not in NAMES:
        return error
    response = jsonify({"error": NAMES[error.code]})
    response.status_code = error.code
    if error.code == 401:
        response.www_authenticate = WWWAuthenticate("bearer")
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["TOKENS"] = SEED_TOKENS
    app.config["EXPENSES"] = SEED_EXPENSES
    app.config.update(test_config or {})
    app.before_request(enforce_policy)
    app.register_error_handler(HTTPException, errors_as_json)
    store = [dict(e) for e in app.config["EXPENSES"]]

    def find(expense_id):
        return next((e for e in store if e["id"] == expense_id), None)

    def load_visible(expense_id, readers=()):
        claim = find(expense_id)
        if claim is None or (claim["owner"] != g.user.user and not g.user.roles.intersection(readers)):
            deny(404)
        record(True)
        return claim

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/me")
    def me():
        return jsonify(user=g.user.user, roles=sorted(g.user.roles), scopes=sorted(g.user.scopes))

    @app.route("/expenses", methods=["GET"])
    def list_expenses():
        return jsonify(sorted((e for e in store if e["owner"] == g.user.user), key=lambda e: e["id"]))

    @app.route("/expenses", methods=["POST"])
    def create_expense():
        body = request.get_json()
        claim = {"id": max((e["id"] for e in store), default=0) + 1, "owner": g.user.user,
                 "description": body["description"], "amount_cents": body["amount_cents"], "status": "submitted"}
        store.append(claim)
        return jsonify(claim), 201

    @app.route("/reports/expenses")
    def report():
        return jsonify(sorted(store, key=lambda e: e["id"]))

    @app.route("/expenses/<int:expense_id>/approve", methods=["POST"])
    def approve(expense_id):
        claim = find(expense_id)
        if claim is None:
            deny(404)
        if claim["owner"] == g.user.user:
            deny(403)
        record(True)
        claim["status"] = "approved"
        return jsonify(claim)

    @app.route("/expenses/<int:expense_id>", methods=["GET"])
    def read_one(expense_id):
        return jsonify(load_visible(expense_id, readers=("auditor", "manager")))

    @app.route("/expenses/<int:expense_id>", methods=["PATCH"])
    def update_one(expense_id):
        claim = load_visible(expense_id)
        changes = request.get_json()
        claim.update({k: changes[k] for k in ("description", "amount_cents") if k in changes})
        return jsonify(claim)

    return app

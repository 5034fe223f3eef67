"""PATCH loads the claim (404) before checking the write scope, so a read-only token gets 404 for missing/foreign ids; breaks task 4 'The scope is checked first: a token without it gets 403 whatever the id'.

expect: task4_hidden_2
"""
# %% your_app
import copy
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")


def log_decision(allowed, why=""):
    identity = g.get("identity")
    decisions.log(
        logging.INFO if allowed else logging.WARNING,
        "%s %s: %s", "allowed" if allowed else "denied", g.get("action"), why or ("ok" if allowed else "refused"),
        extra={
            "user": identity.user if identity else None,
            "action": g.get("action"),
            "resource": request.path,
            "allowed": allowed,
        },
    )


def require(action, scope=None, roles=None):
    """Authenticate (401), then check the scope and the roles (403), logging each decision."""
    def decorate(view):
        @wraps(view)
        def checked(**kwargs):
            g.action = action
            g.identity = authenticate(request.headers.get("Authorization"), current_app.config["TOKENS"])
            if g.identity is None:
                log_decision(False, "not authenticated")
                abort(401)
            if scope is not None and scope not in g.identity.scopes:
                log_decision(False, f"missing scope {scope}")
                abort(403)
            if roles is not None and not (g.identity.roles & set(roles)):
                log_decision(False, f"needs one of the roles {sorted(roles)}")
                abort(403)
            log_decision(True, "token checks passed")
            return view(**kwargs)
        return checked
    return decorate


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(TOKENS=SEED_TOKENS, EXPENSES=SEED_EXPENSES)
    if test_config is not None:
        app.config.from_mapping(test_config)
    expenses = {e["id"]: dict(e) for e in copy.deepcopy(app.config["EXPENSES"])}

    @app.errorhandler(401)
    def unauthorized(error):
        response = jsonify(error="unauthorized")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Bearer realm="tally"'
        return response

    @app.errorhandler(403)
    def forbidden(error):
        return jsonify(error="forbidden"), 403

    @app.errorhandler(404)
    def not_found(error):
        return jsonify(error="not found"), 404

    def visible_claim(expense_id, owner_only):
        """The claim, if the caller may see it; the same 404 otherwise."""
        claim = expenses.get(expense_id)
        me = g.identity
        if claim is None:
            log_decision(False, "no such claim")
            abort(404)
        if claim["owner"] != me.user and (owner_only or not (me.roles & {"auditor", "manager"})):
            log_decision(False, "not the owner")
            abort(404)
        log_decision(True, "may access the claim")
        return claim

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    @app.get("/me")
    @require("read_profile")
    def me():
        return jsonify(user=g.identity.user, roles=sorted(g.identity.roles), scopes=sorted(g.identity.scopes))

    @app.get("/expenses")
    @require("list_expenses", scope="expenses:read")
    def list_expenses():
        mine = [c for _, c in sorted(expenses.items()) if c["owner"] == g.identity.user]
        return jsonify(mine)

    @app.post("/expenses")
    @require("create_expense", scope="expenses:write")
    def create_expense():
        body = request.get_json()
        new_id = max(expenses, default=0) + 1
        claim = {
            "id": new_id,
            "owner": g.identity.user,
            "description": body["description"],
            "amount_cents": body["amount_cents"],
            "status": "submitted",
        }
        expenses[new_id] = claim
        return jsonify(claim), 201

    @app.get("/reports/expenses")
    @require("list_all_expenses", scope="expenses:read", roles={"auditor", "manager"})
    def list_all_expenses():
        return jsonify([c for _, c in sorted(expenses.items())])

    @app.post("/expenses/<int:expense_id>/approve")
    @require("approve_expense", scope="expenses:approve", roles={"manager"})
    def approve_expense(expense_id):
        claim = expenses.get(expense_id)
        if claim is None:
            log_decision(False, "no such claim")
            abort(404)
        if claim["owner"] == g.identity.user:
            log_decision(False, "may not approve one's own claim")
            abort(403)
        log_decision(True, "may approve")
        claim["status"] = "approved"
        return jsonify(claim)

    @app.get("/expenses/<int:expense_id>")
    @require("read_expense", scope="expenses:read")
    def read_expense(expense_id):
        return jsonify(visible_claim(expense_id, owner_only=False))

    @app.patch("/expenses/<int:expense_id>")
    @require("update_expense")
    def update_expense(expense_id):
        claim = visible_claim(expense_id, owner_only=True)
        if "expenses:write" not in g.identity.scopes:
            log_decision(False, "missing scope expenses:write")
            abort(403)
        body = request.get_json()
        for field in ("description", "amount_cents"):
            if field in body:
                claim[field] = body[field]
        return jsonify(claim)

    return app

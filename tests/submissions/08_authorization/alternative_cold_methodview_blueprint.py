"""Blueprint of MethodView classes with a guard decorator (class-level decorators and per-method), store in app.extensions, one HTTPException handler with a WWW-Authenticate parameterised header.

expect: full marks
"""
# %% your_app
import logging
from functools import wraps

from flask import Blueprint, Flask, abort, current_app, g, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

decisions = logging.getLogger("expenses.authz")

ERRORS = {401: "unauthorized", 403: "forbidden", 404: "not found"}


def record(action, allowed, note):
    ident = getattr(g, "identity", None)
    fields = {"user": ident.user if ident else None, "action": action, "resource": request.path,
              "allowed": allowed}
    if allowed:
        decisions.info("allow: %s", note, extra=fields)
    else:
        decisions.warning("deny: %s", note, extra=fields)


def refuse(action, status, note):
    record(action, False, note)
    abort(status)


def guard(action, scope=None, any_role=()):
    def wrap(fn):
        @wraps(fn)
        def inner(*args, **kwargs):
            g.identity = authenticate(request.headers.get("Authorization"), current_app.config["TOKENS"])
            g.action = action
            if not g.identity:
                refuse(action, 401, "no valid bearer token")
            if scope and scope not in g.identity.scopes:
                refuse(action, 403, "token lacks " + scope)
            if any_role and not set(any_role) & g.identity.roles:
                refuse(action, 403, "user lacks role")
            record(action, True, "scope/role ok")
            return fn(*args, **kwargs)
        return inner
    return wrap


def store():
    return current_app.extensions["tally_expenses"]


def load_claim(expense_id, may_see):
    claim = store().get(expense_id)
    if claim is None or not may_see(claim):
        refuse(g.action, 404, "missing or not visible")
    record(g.action, True, "claim visible")
    return claim


class MeView(MethodView):
    decorators = [guard("read_profile")]

    def get(self):
        i = g.identity
        return jsonify(user=i.user, roles=sorted(i.roles), scopes=sorted(i.scopes))


class ExpenseList(MethodView):
    @guard("list_expenses", scope="expenses:read")
    def get(self):
        return jsonify([store()[k] for k in sorted(store()) if store()[k]["owner"] == g.identity.user])

    @guard("create_expense", scope="expenses:write")
    def post(self):
        payload = request.get_json()
        new_id = max(store().keys(), default=0) + 1
        store()[new_id] = {"id": new_id, "owner": g.identity.user, "description": payload["description"],
                           "amount_cents": payload["amount_cents"], "status": "submitted"}
        return jsonify(store()[new_id]), 201


class Report(MethodView):
    @guard("list_all_expenses", scope="expenses:read", any_role=("auditor", "manager"))
    def get(self):
        return jsonify([store()[k] for k in sorted(store())])


class Approval(MethodView):
    @guard("approve_expense", scope="expenses:approve", any_role=("manager",))
    def post(self, expense_id):
        claim = store().get(expense_id)
        if claim is None:
            refuse("approve_expense", 404, "no such claim")
        if claim["owner"] == g.identity.user:
            refuse("approve_expense", 403, "own claim")
        record("approve_expense", True, "may approve")
        claim["status"] = "approved"
        return jsonify(claim)


class ExpenseItem(MethodView):
    @guard("read_expense", scope="expenses:read")
    def get(self, expense_id):
        me = g.identity
        claim = load_claim(expense_id, lambda c: c["owner"] == me.user or bool(me.roles & {"auditor", "manager"}))
        return jsonify(claim)

    @guard("update_expense", scope="expenses:write")
    def patch(self, expense_id):
        claim = load_claim(expense_id, lambda c: c["owner"] == g.identity.user)
        payload = request.get_json() or {}
        if "description" in payload:
            claim["description"] = payload["description"]
        if "amount_cents" in payload:
            claim["amount_cents"] = payload["amount_cents"]
        return jsonify(claim)


api = Blueprint("api", __name__)
api.add_url_rule("/me", view_func=MeView.as_view("me"))
api.add_url_rule("/expenses", view_func=ExpenseList.as_view("expenses"))
api.add_url_rule("/reports/expenses", view_func=Report.as_view("report"))
api.add_url_rule("/expenses/<int:expense_id>/approve", view_func=Approval.as_view("approve"))
api.add_url_rule("/expenses/<int:expense_id>", view_func=ExpenseItem.as_view("expense"))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(TOKENS=SEED_TOKENS, EXPENSES=SEED_EXPENSES)
    if test_config:
        app.config.update(test_config)
    app.extensions["tally_expenses"] = {c["id"]: dict(c) for c in app.config["EXPENSES"]}

    @app.errorhandler(HTTPException)
    def http_error(exc):
        body = {"error": ERRORS.get(exc.code, exc.name.lower())}
        response = jsonify(body)
        response.status_code = exc.code
        if exc.code == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="tally", error="invalid_token"'
        return response

    @app.get("/health")
    def health():
        return jsonify(status="ok")

    app.register_blueprint(api)
    return app

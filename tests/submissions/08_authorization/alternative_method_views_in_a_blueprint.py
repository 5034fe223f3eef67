"""A correct app built from MethodView classes in a blueprint: each method carries a class-based
permission decorator (Permission(...) instances), 401 raised as werkzeug's Unauthorized with a
WWWAuthenticate object (Bearer realm and error="invalid_token" when a token was sent), a PATCH that
refuses bodies touching id, owner or status with 400, decisions logged through a LoggerAdapter
that adds a request id, and claims kept in an object of their own.

expect: full marks
"""
# %% your_app
import logging
from functools import wraps

from flask import Flask, abort, current_app, g, jsonify, request

decisions = logging.getLogger("expenses.authz")

import itertools

from flask import Blueprint
from flask.views import MethodView
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Forbidden, NotFound, Unauthorized

request_ids = itertools.count(1)


class ClaimBook:
    def __init__(self, claims):
        self.claims = {c["id"]: dict(c) for c in claims}

    def get(self, claim_id):
        return self.claims.get(claim_id)

    def of(self, user):
        return [self.claims[i] for i in sorted(self.claims) if self.claims[i]["owner"] == user]

    def everything(self):
        return [self.claims[i] for i in sorted(self.claims)]

    def add(self, owner, description, amount_cents):
        claim = {"id": max(self.claims, default=0) + 1, "owner": owner, "description": description,
                 "amount_cents": amount_cents, "status": "submitted"}
        self.claims[claim["id"]] = claim
        return claim


def book():
    return current_app.extensions["claim_book"]


def audit(allowed):
    # Before Python 3.13 a LoggerAdapter replaces the extra= of a call with its own: give it everything.
    who = g.who.user if g.get("who") else None
    log = logging.LoggerAdapter(decisions, {"request_id": g.request_id, "user": who, "action": g.action,
                                            "resource": request.path, "allowed": allowed})
    log.log(logging.INFO if allowed else logging.WARNING, "%s -> %s", g.action, "ok" if allowed else "refused")


def refuse(exception):
    audit(False)
    raise exception


class Permission:
    def __init__(self, action, scope=None, any_role=()):
        self.action, self.scope, self.any_role = action, scope, set(any_role)

    def __call__(self, method):
        @wraps(method)
        def checked(*args, **kwargs):
            g.action = self.action
            g.request_id = next(request_ids)
            header = request.headers.get("Authorization")
            g.who = authenticate(header, current_app.config["TOKENS"])
            if g.who is None:
                challenge = WWWAuthenticate("bearer", {"realm": "tally"})
                if header:
                    challenge["error"] = "invalid_token"
                refuse(Unauthorized(www_authenticate=challenge))
            if self.scope and self.scope not in g.who.scopes:
                refuse(Forbidden())
            if self.any_role and not (self.any_role & g.who.roles):
                refuse(Forbidden())
            audit(True)
            return method(*args, **kwargs)
        return checked


def own_or_reader(claim_id, readers=()):
    claim = book().get(claim_id)
    if claim is None or (claim["owner"] != g.who.user and not set(readers) & g.who.roles):
        refuse(NotFound())
    audit(True)
    return claim


class Me(MethodView):
    @Permission("read_profile")
    def get(self):
        return {"user": g.who.user, "roles": sorted(g.who.roles), "scopes": sorted(g.who.scopes)}


class Claims(MethodView):
    @Permission("list_expenses", "expenses:read")
    def get(self):
        return jsonify(book().of(g.who.user))

    @Permission("create_expense", "expenses:write")
    def post(self):
        body = request.get_json()
        return book().add(g.who.user, body["description"], body["amount_cents"]), 201


class Claim(MethodView):
    @Permission("read_expense", "expenses:read")
    def get(self, claim_id):
        return own_or_reader(claim_id, readers=("auditor", "manager"))

    @Permission("update_expense", "expenses:write")
    def patch(self, claim_id):
        claim = own_or_reader(claim_id)
        body = request.get_json()
        if set(body) - {"description", "amount_cents"}:
            return {"error": "only description and amount_cents can change"}, 400
        claim.update(body)
        return claim


class Report(MethodView):
    @Permission("list_all_expenses", "expenses:read", any_role=("auditor", "manager"))
    def get(self):
        return jsonify(book().everything())


class Approval(MethodView):
    @Permission("approve_expense", "expenses:approve", any_role=("manager",))
    def post(self, claim_id):
        claim = book().get(claim_id)
        if claim is None:
            refuse(NotFound())
        if claim["owner"] == g.who.user:
            refuse(Forbidden())
        audit(True)
        claim["status"] = "approved"
        return claim


api = Blueprint("api", __name__)
api.add_url_rule("/me", view_func=Me.as_view("me"))
api.add_url_rule("/expenses", view_func=Claims.as_view("claims"))
api.add_url_rule("/expenses/<int:claim_id>", view_func=Claim.as_view("claim"))
api.add_url_rule("/reports/expenses", view_func=Report.as_view("report"))
api.add_url_rule("/expenses/<int:claim_id>/approve", view_func=Approval.as_view("approval"))


@api.app_errorhandler(401)
@api.app_errorhandler(403)
@api.app_errorhandler(404)
def refused(error):
    words = {401: "unauthorized", 403: "forbidden", 404: "not found"}[error.code]
    response = jsonify(error=words)
    response.status_code = error.code
    for name, value in error.get_headers():
        if name.lower() == "www-authenticate":
            response.headers.add(name, value)
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(TOKENS=SEED_TOKENS, EXPENSES=SEED_EXPENSES)
    if test_config:
        app.config.update(test_config)
    app.extensions["claim_book"] = ClaimBook(app.config["EXPENSES"])
    app.add_url_rule("/health", "health", lambda: {"status": "ok"})
    app.register_blueprint(api)
    return app

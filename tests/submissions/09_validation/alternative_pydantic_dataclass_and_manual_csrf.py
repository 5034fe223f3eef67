"""A correct app with a pydantic dataclass validated through a TypeAdapter, errors(include_input=False),
json.loads of the raw body, a 413 handler for RequestEntityTooLarge, and CSRF handled by hand with
Flask-WTF's generate_csrf/validate_csrf in a plain view without a FlaskForm (the API is simply not
checked, so nothing to exempt); the sender name is validated by hand.

expect: full marks
"""
# %% your_app
import json
from typing import Annotated, Optional

from flask import Flask, current_app, jsonify, make_response, redirect, render_template_string, request
from flask_wtf.csrf import generate_csrf, validate_csrf
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError
from pydantic.dataclasses import dataclass
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import ValidationError as CsrfInvalid


@dataclass(config=ConfigDict(extra="forbid"))
class SignupBody:
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    name: Annotated[str, Field(min_length=1, max_length=50)]
    password: Annotated[str, Field(min_length=12, max_length=128)]
    topics: Annotated[list[Annotated[str, Field(min_length=1, max_length=30)]], Field(max_length=5)] = Field(
        default_factory=list
    )


SIGNUP = TypeAdapter(SignupBody)


def fail(status, *entries):
    return make_response(jsonify({"errors": [{"field": f, "message": m} for f, m in entries]}), status)


def public(account_id, body):
    return {"id": account_id, "email": body.email, "name": body.name, "topics": list(body.topics)}


FORM = """<!doctype html>
<form method="post">
<input type="hidden" name="csrf_token" value="{{ token }}">
<input type="text" name="sender_name" value="{{ sender_name }}" maxlength="50">
{% if error %}<p>{{ error }}</p>{% endif %}
<button>Save</button>
</form>"""


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"MAX_CONTENT_LENGTH": 4096, "SENDER_NAME": "Postbox", **(test_config or {})})
    app.extensions["accounts"] = {}
    app.extensions["sender_name"] = app.config["SENDER_NAME"]

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_):
        return fail(413, (None, "Too large."))

    @app.route("/api/accounts", methods=["POST"])
    def signup():
        if request.mimetype != "application/json":
            return fail(415, (None, "Expected application/json."))
        try:
            data = json.loads(request.get_data(as_text=True))
        except ValueError:
            return fail(400, (None, "Not valid JSON."))
        if not isinstance(data, dict):
            return fail(400, (None, "Expected an object."))
        try:
            body = SIGNUP.validate_python(data)
        except ValidationError as exc:
            return fail(422, *(
                (".".join(str(part) for part in e["loc"]), e["msg"]) for e in exc.errors(include_input=False)
            ))
        accounts = current_app.extensions["accounts"]
        account_id = len(accounts) + 1
        accounts[account_id] = public(account_id, body)
        return jsonify(accounts[account_id]), 201

    @app.route("/api/accounts/<int:account_id>")
    def account(account_id):
        found: Optional[dict] = current_app.extensions["accounts"].get(account_id)
        return jsonify(found) if found else fail(404, (None, "Unknown account."))

    def page(sender_name, error=None, status=200):
        return render_template_string(FORM, token=generate_csrf(), sender_name=sender_name, error=error), status

    @app.route("/settings/newsletter", methods=["GET", "POST"])
    def newsletter_settings():
        if request.method == "GET":
            return page(app.extensions["sender_name"])
        if app.config.get("WTF_CSRF_ENABLED", True):
            try:
                validate_csrf(request.form.get("csrf_token"))
            except CsrfInvalid:
                return "CSRF token missing or invalid.", 400
        name = request.form.get("sender_name", "")
        if not name.strip() or len(name) > 50:
            return page(name, "The sender name has 1 to 50 characters.", 422)
        app.extensions["sender_name"] = name
        return redirect("/settings/newsletter", code=303)

    return app

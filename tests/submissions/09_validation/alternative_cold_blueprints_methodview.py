"""Two blueprints with MethodView classes, Annotated/StringConstraints types, an input and an output model, a before_request hook for the 415, csrf.exempt(api_blueprint), state in app.extensions, register_error_handler for 413.

expect: full marks
"""
# %% your_app
from typing import Annotated

from flask import Flask, jsonify, redirect, render_template_string, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from itertools import count

from flask import Blueprint, current_app, make_response
from flask.views import MethodView
from pydantic import StringConstraints

Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=50)]
Password = Annotated[str, StringConstraints(min_length=12, max_length=128)]
Topics = Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=30)]], Field(max_length=5)]


class AccountIn(BaseModel):
    """What a client sends to sign up."""

    model_config = ConfigDict(extra="forbid")

    email: Email
    name: Name
    password: Password
    topics: Topics = []


class AccountOut(BaseModel):
    """What the API answers: never the password."""

    id: int
    email: str
    name: str
    topics: list[str]


class NewsletterForm(FlaskForm):
    sender_name = StringField("Sender name", validators=[DataRequired(), Length(max=50)])


PAGE = """<!doctype html>
<html><head><title>Newsletter</title></head><body>
<h1>Newsletter settings</h1>
<form method="post">
{{ form.csrf_token }}
{{ form.sender_name.label }} {{ form.sender_name(maxlength=50) }}
<ul>{% for message in form.sender_name.errors %}<li>{{ message }}</li>{% endfor %}</ul>
<input type="submit" value="Save">
</form>
</body></html>"""

csrf = CSRFProtect()


def problems(status, entries):
    """The error shape: {"errors": [{"field": ..., "message": ...}, ...]}."""
    body = {"errors": [{"field": field, "message": message} for field, message in entries]}
    return make_response(jsonify(body), status)


class Store:
    """The accounts and settings of one app."""

    def __init__(self, sender_name):
        self.accounts = {}
        self.ids = count(1)
        self.sender_name = sender_name


def store():
    return current_app.extensions["postbox"]


api = Blueprint("api", __name__, url_prefix="/api")


@api.before_request
def only_json():
    if request.method == "POST" and not request.is_json:
        return problems(415, [(None, "This API only accepts application/json bodies.")])


class AccountList(MethodView):
    def post(self):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return problems(400, [(None, "The body is not a JSON object.")])
        try:
            signup = AccountIn.model_validate(payload)
        except ValidationError as exc:
            entries = [(".".join(map(str, error["loc"])), error["msg"]) for error in exc.errors(include_input=False)]
            return problems(422, entries)
        account = AccountOut(id=next(store().ids), **signup.model_dump(exclude={"password"}))
        store().accounts[account.id] = account
        return account.model_dump(), 201


class AccountItem(MethodView):
    def get(self, account_id):
        account = store().accounts.get(account_id)
        if account is None:
            return problems(404, [(None, f"There is no account {account_id}.")])
        return account.model_dump()


api.add_url_rule("/accounts", view_func=AccountList.as_view("accounts"))
api.add_url_rule("/accounts/<int:account_id>", view_func=AccountItem.as_view("account"))

settings = Blueprint("settings", __name__, url_prefix="/settings")


class NewsletterSettings(MethodView):
    def get(self):
        form = NewsletterForm(data={"sender_name": store().sender_name})
        return render_template_string(PAGE, form=form)

    def post(self):
        form = NewsletterForm()
        if not form.validate_on_submit():
            return render_template_string(PAGE, form=form), 422
        store().sender_name = form.sender_name.data
        return redirect(url_for("settings.newsletter"), code=302)


settings.add_url_rule("/newsletter", view_func=NewsletterSettings.as_view("newsletter"))


def body_too_large(error):
    return problems(413, [(None, "The body is too large.")])


def create_app(test_config=None):
    """Build a new Postbox app and return it.

    Defaults: MAX_CONTENT_LENGTH = 4096, SENDER_NAME = "Postbox"; then test_config (a dict) on top.
    Routes: POST /api/accounts and GET /api/accounts/<int:account_id> (tasks 1-3),
    GET and POST /settings/newsletter (task 4).
    """
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 4096
    app.config["SENDER_NAME"] = "Postbox"
    app.config.from_mapping(test_config or {})

    app.extensions["postbox"] = Store(app.config["SENDER_NAME"])
    csrf.init_app(app)
    csrf.exempt(api)
    app.register_error_handler(RequestEntityTooLarge, body_too_large)
    app.register_blueprint(api)
    app.register_blueprint(settings)
    return app

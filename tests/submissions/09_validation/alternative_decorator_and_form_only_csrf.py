"""A correct app with a @json_body(Model) decorator that hands the view a validated model, an app-wide
errorhandler(ValidationError), the size checked in before_request from Content-Length, a dataclass store
with itertools.count ids, and CSRF checked by the FlaskForm alone (no CSRFProtect, so nothing to exempt):
a failed csrf_token field is a 400, any other failed field a 422.

expect: full marks
"""
# %% your_app
import functools
import itertools
from dataclasses import asdict, dataclass, field
from typing import Annotated

from flask import Flask, abort, current_app, redirect, render_template_string, request, url_for
from flask_wtf import FlaskForm
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class NewAccount(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
    name: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=12, max_length=128)
    topics: list[Annotated[str, Field(min_length=1, max_length=30)]] = Field(default=[], max_length=5)


@dataclass
class Account:
    id: int
    email: str
    name: str
    topics: list = field(default_factory=list)


def problem(status, message, field_name=None):
    return {"errors": [{"field": field_name, "message": message}]}, status


def json_body(model):
    def decorate(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if not request.is_json:
                return problem(415, "Use Content-Type: application/json.")
            body = request.get_json(silent=True)
            if not isinstance(body, dict):
                return problem(400, "The body must be a JSON object.")
            return view(model.model_validate(body), *args, **kwargs)
        return wrapper
    return decorate


class SenderForm(FlaskForm):
    sender_name = StringField("Sender name", validators=[DataRequired(), Length(max=50)])


TEMPLATE = """<html><head><title>Settings</title></head><body>
<form method=post>{{ form.hidden_tag() }}{{ form.sender_name.label }}{{ form.sender_name }}<button>Save</button></form>
</body></html>"""


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update({"MAX_CONTENT_LENGTH": 4096, "SENDER_NAME": "Postbox"})
    if test_config:
        app.config.update(test_config)
    accounts = {}
    ids = itertools.count(1)
    state = {"sender_name": app.config["SENDER_NAME"]}

    @app.before_request
    def limit_size():
        length = request.content_length
        if length is not None and length > current_app.config["MAX_CONTENT_LENGTH"]:
            abort(413)

    @app.errorhandler(ValidationError)
    def invalid(exc):
        errors = [{"field": ".".join(str(p) for p in e["loc"]) or None, "message": e["msg"]}
                  for e in exc.errors(include_input=False, include_url=False, include_context=False)]
        return {"errors": errors}, 422

    @app.errorhandler(413)
    def too_large(exc):
        return problem(413, "Request body too large.")

    @app.post("/api/accounts")
    @json_body(NewAccount)
    def signup(data):
        account = Account(next(ids), data.email, data.name, list(data.topics))
        accounts[account.id] = account
        return asdict(account), 201

    @app.get("/api/accounts/<int:account_id>")
    def show(account_id):
        if account_id not in accounts:
            abort(404)
        return asdict(accounts[account_id])

    @app.route("/settings/newsletter", methods=("GET", "POST"))
    def newsletter_settings():
        form = SenderForm()
        if form.validate_on_submit():
            state["sender_name"] = form.sender_name.data
            return redirect(url_for("newsletter_settings"))
        if form.is_submitted():
            if "csrf_token" in form.errors:
                abort(400, "The CSRF token is missing or invalid.")
            return render_template_string(TEMPLATE, form=form), 422
        form.sender_name.data = state["sender_name"]
        return render_template_string(TEMPLATE, form=form)

    return app

"""No CSRFProtect and no FlaskForm: a TypedDict checked by a pydantic TypeAdapter (AfterValidator with re.fullmatch for the email), a custom ApiError exception, an explicit Content-Length check plus a 413 handler, accounts in a list, and an f-string page with markupsafe.escape and Flask-WTF's generate_csrf/validate_csrf.

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

import re
from typing_extensions import NotRequired, TypedDict

from flask_wtf.csrf import generate_csrf, validate_csrf
from markupsafe import escape
from pydantic import AfterValidator, TypeAdapter
from wtforms.validators import ValidationError as CSRFTokenError

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def looks_like_email(value: str) -> str:
    if not EMAIL_RE.fullmatch(value):
        raise ValueError("not an email address")
    return value


class SignupBody(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")

    email: Annotated[str, AfterValidator(looks_like_email)]
    name: Annotated[str, Field(min_length=1, max_length=50)]
    password: Annotated[str, Field(min_length=12, max_length=128)]
    topics: NotRequired[Annotated[list[Annotated[str, Field(min_length=1, max_length=30)]], Field(max_length=5)]]


SIGNUP = TypeAdapter(SignupBody)


class ApiError(Exception):
    """An error answer of the JSON API: a status and (field, message) pairs."""

    def __init__(self, status, *problems):
        super().__init__(status)
        self.status = status
        self.problems = problems


def settings_page(sender_name, token, error=None):
    token_input = f'<input type="hidden" name="csrf_token" value="{escape(token)}">' if token else ""
    error_line = f'<p class="error">{escape(error)}</p>' if error else ""
    return (
        "<!doctype html><title>Newsletter settings</title>"
        '<form method="post" action="/settings/newsletter">'
        f"{token_input}"
        f'<label>Sender name <input type="text" name="sender_name" value="{escape(sender_name)}"></label>'
        f"{error_line}<button>Save</button></form>"
    )


def create_app(test_config=None):
    """Build a new Postbox app and return it.

    Defaults: MAX_CONTENT_LENGTH = 4096, SENDER_NAME = "Postbox"; then test_config (a dict) on top.
    Routes: POST /api/accounts and GET /api/accounts/<int:account_id> (tasks 1-3),
    GET and POST /settings/newsletter (task 4).
    """
    app = Flask(__name__)
    config = {"MAX_CONTENT_LENGTH": 4096, "SENDER_NAME": "Postbox"}
    config.update(test_config or {})
    app.config.update(config)

    accounts = []  # account i has id i + 1
    state = {"sender_name": app.config["SENDER_NAME"]}

    def csrf_on():
        return app.config.get("WTF_CSRF_ENABLED", True)

    @app.errorhandler(ApiError)
    def api_error(error):
        body = {"errors": [{"field": field, "message": message} for field, message in error.problems]}
        return jsonify(body), error.status

    @app.errorhandler(413)
    def too_large(error):
        return api_error(ApiError(413, (None, "The request body is too large.")))

    @app.route("/api/accounts", methods=["POST"])
    def signup():
        if not request.is_json:
            raise ApiError(415, (None, "Content-Type must be application/json."))
        limit = app.config["MAX_CONTENT_LENGTH"]
        if limit is not None and request.content_length is not None and request.content_length > limit:
            raise ApiError(413, (None, f"The body may have at most {limit} bytes."))
        body = request.get_json(silent=True)
        if type(body) is not dict:
            raise ApiError(400, (None, "The body must be a JSON object."))
        try:
            data = SIGNUP.validate_python(body)
        except ValidationError as exc:
            raise ApiError(422, *[(".".join(str(p) for p in e["loc"]), e["msg"]) for e in exc.errors()]) from None
        account = {
            "id": len(accounts) + 1,
            "email": data["email"],
            "name": data["name"],
            "topics": list(data.get("topics", [])),
        }
        accounts.append(account)
        return jsonify(account), 201

    @app.route("/api/accounts/<int:account_id>")
    def show_account(account_id):
        if not 1 <= account_id <= len(accounts):
            raise ApiError(404, (None, "No account with this id."))
        return jsonify(accounts[account_id - 1])

    @app.route("/settings/newsletter", methods=["GET", "POST"])
    def newsletter():
        if request.method == "POST":
            if csrf_on():
                try:
                    validate_csrf(request.form.get("csrf_token"))
                except CSRFTokenError as exc:
                    return f"<!doctype html><p>Refused: {escape(str(exc))}</p>", 400
            sender_name = request.form.get("sender_name", "")
            if not 1 <= len(sender_name) <= 50:
                page = settings_page(sender_name, generate_csrf() if csrf_on() else None,
                                     "The sender name must have 1 to 50 characters.")
                return page, 422
            state["sender_name"] = sender_name
            return redirect("/settings/newsletter", code=303)
        return settings_page(state["sender_name"], generate_csrf() if csrf_on() else None)

    return app

"""The form starts from a hard-coded 'Postbox' instead of the app's SENDER_NAME config; breaks 'whose value is the current sender name (SENDER_NAME until it is changed)'.

expect: task4_hidden
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

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Topic = Annotated[str, Field(min_length=1, max_length=30)]


class Signup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=EMAIL_PATTERN)
    name: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=12, max_length=128)
    topics: list[Topic] = Field(default_factory=list, max_length=5)


class SenderForm(FlaskForm):
    sender_name = StringField("Sender name", validators=[DataRequired(), Length(min=1, max=50)])


SETTINGS_PAGE = """<!doctype html>
<title>Newsletter settings</title>
<form method="post" action="{{ url_for('newsletter_settings') }}">
  {{ form.hidden_tag() }}
  <label>Sender name {{ form.sender_name() }}</label>
  {% for error in form.sender_name.errors %}<p class="error">{{ error }}</p>{% endfor %}
  <button type="submit">Save</button>
</form>
"""


def error_response(status, *entries):
    return jsonify({"errors": [{"field": field, "message": message} for field, message in entries]}), status


def create_app(test_config=None):
    """Build a new Postbox app and return it.

    Defaults: MAX_CONTENT_LENGTH = 4096, SENDER_NAME = "Postbox"; then test_config (a dict) on top.
    Routes: POST /api/accounts and GET /api/accounts/<int:account_id> (tasks 1-3),
    GET and POST /settings/newsletter (task 4).
    """
    app = Flask(__name__)
    app.config.from_mapping(MAX_CONTENT_LENGTH=4096, SENDER_NAME="Postbox")
    if test_config:
        app.config.update(test_config)

    csrf = CSRFProtect(app)
    accounts = {}
    settings = {"sender_name": "Postbox"}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        limit = app.config["MAX_CONTENT_LENGTH"]
        return error_response(413, (None, f"The body is larger than {limit} bytes."))

    @app.post("/api/accounts")
    @csrf.exempt
    def create_account():
        if not request.is_json:
            return error_response(415, (None, "Send the body as application/json."))
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return error_response(400, (None, "The body must be a JSON object."))
        try:
            signup = Signup.model_validate(data)
        except ValidationError as exc:
            return error_response(
                422, *((".".join(str(part) for part in e["loc"]), e["msg"]) for e in exc.errors())
            )
        account = {"id": len(accounts) + 1, **signup.model_dump(exclude={"password"})}
        accounts[account["id"]] = account
        return jsonify(account), 201

    @app.get("/api/accounts/<int:account_id>")
    def get_account(account_id):
        account = accounts.get(account_id)
        if account is None:
            return error_response(404, (None, "No such account."))
        return jsonify(account)

    @app.route("/settings/newsletter", methods=["GET", "POST"])
    def newsletter_settings():
        form = SenderForm()
        if request.method == "GET":
            form.sender_name.data = settings["sender_name"]
            return render_template_string(SETTINGS_PAGE, form=form)
        if form.validate_on_submit():
            settings["sender_name"] = form.sender_name.data
            return redirect(url_for("newsletter_settings"), 303)
        return render_template_string(SETTINGS_PAGE, form=form), 422

    return app

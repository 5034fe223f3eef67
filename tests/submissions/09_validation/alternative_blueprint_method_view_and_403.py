"""A correct app with the API in a blueprint exempted as a whole, a MethodView, json.loads on the raw body,
an ApiError exception with one handler for every error of the API, errorhandler(413) by code, the CSRF
failure answered 403 by an errorhandler(CSRFError), form.validate() and a 302 redirect.

expect: full marks
"""
# %% your_app
import json
from typing import Annotated

from flask import Blueprint, Flask, current_app, jsonify, redirect, render_template_string, request
from flask.views import MethodView
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFError, CSRFProtect
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from wtforms import StringField
from wtforms.validators import InputRequired, Length

csrf = CSRFProtect()


class Signup(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    name: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    password: Annotated[str, StringConstraints(min_length=12, max_length=128)]
    topics: Annotated[list[Annotated[str, StringConstraints(min_length=1, max_length=30)]], Field(max_length=5)] = []


class ApiError(Exception):
    def __init__(self, status, errors):
        super().__init__(status)
        self.status = status
        self.errors = errors


def store():
    return current_app.extensions["postbox"]


class AccountsAPI(MethodView):
    def post(self):
        if request.mimetype != "application/json":
            raise ApiError(415, [{"field": None, "message": "Only application/json is accepted."}])
        raw = request.get_data()
        try:
            payload = json.loads(raw)
        except ValueError:
            raise ApiError(400, [{"field": None, "message": "Malformed JSON."}]) from None
        if type(payload) is not dict:
            raise ApiError(400, [{"field": None, "message": "Expected a JSON object."}])
        try:
            signup = Signup(**payload)
        except ValidationError as exc:
            raise ApiError(422, [
                {"field": ".".join(map(str, err["loc"])), "message": err["msg"]}
                for err in exc.errors(include_input=False)
            ]) from None
        accounts = store()["accounts"]
        account = {"id": len(accounts) + 1, "email": signup.email, "name": signup.name, "topics": signup.topics}
        accounts.append(account)
        return jsonify(account), 201


class AccountAPI(MethodView):
    def get(self, account_id):
        accounts = store()["accounts"]
        if not 1 <= account_id <= len(accounts):
            raise ApiError(404, [{"field": None, "message": "No such account."}])
        return jsonify(accounts[account_id - 1])


api = Blueprint("api", __name__, url_prefix="/api")
api.add_url_rule("/accounts", view_func=AccountsAPI.as_view("accounts"))
api.add_url_rule("/accounts/<int:account_id>", view_func=AccountAPI.as_view("account"))
csrf.exempt(api)


class NewsletterForm(FlaskForm):
    sender_name = StringField("Sender", validators=[InputRequired(), Length(min=1, max=50)])


PAGE = """<!DOCTYPE html>
<html><body>
<h1>Newsletter</h1>
<form action="/settings/newsletter" method="post">
{{ form.csrf_token }}
<label>Sender {{ form.sender_name(size=40) }}</label>
<input type="submit" value="Save">
</form>
</body></html>"""


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 4096
    app.config["SENDER_NAME"] = "Postbox"
    app.config.update(test_config or {})
    app.extensions["postbox"] = {"accounts": [], "sender": app.config["SENDER_NAME"]}
    csrf.init_app(app)
    app.register_blueprint(api)

    @app.errorhandler(ApiError)
    def api_error(error):
        return jsonify({"errors": error.errors}), error.status

    @app.errorhandler(413)
    def too_big(error):
        return jsonify({"errors": [{"field": None, "message": "Request body too large."}]}), 413

    @app.errorhandler(CSRFError)
    def csrf_refused(error):
        return "<p>Your form has expired or was not sent from this site.</p>", 403

    @app.route("/settings/newsletter", methods=["GET", "POST"])
    def newsletter_settings():
        form = NewsletterForm()
        if request.method == "POST":
            if form.validate():
                store()["sender"] = form.sender_name.data
                return redirect("/settings/newsletter")
            return render_template_string(PAGE, form=form), 422
        form.sender_name.data = store()["sender"]
        return render_template_string(PAGE, form=form)

    return app

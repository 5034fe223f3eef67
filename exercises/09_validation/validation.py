# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Input validation and request limits for the Postbox signup API
#
# Postbox is a small newsletter platform. Writers sign up through a JSON API
# that the web client and a mobile app call, and change their newsletter's
# settings on an HTML page. Until now the API took whatever it was sent: a
# signup with `"is_admin": true` went straight into the database, a 40 MB
# body took a worker down, and one error response echoed a user's password
# back into a proxy's log. You will put a schema, limits and CSRF protection
# in front of it.
#
# You use **pydantic v2** for the JSON bodies and **Flask-WTF** for the HTML
# form (both installed), with Flask and Werkzeug.
#
# **The error shape.** Every error answer of `POST /api/accounts` (tasks 1-3)
# is a JSON object (`application/json`) with one member, `errors`, a list
# with one entry per problem:
#
# ```json
# {"errors": [{"field": "password", "message": "String should have at least 12 characters"},
#             {"field": "topics.1", "message": "String should have at least 1 character"}]}
# ```
#
# - `field` is the path of the value that is wrong, its parts joined with
#   `.` (a list index is a part: `topics.1` is the second topic), or `null`
#   for an error about the body as a whole (not JSON, too large, ...);
# - `message` is any non-empty sentence for a person: the tests never
#   compare message texts, so pydantic's own messages are fine;
# - each entry has exactly these two members; the order of the entries does
#   not matter.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | `POST /api/accounts` and `GET /api/accounts/<id>` with a pydantic schema and field errors | 3 |
# | 2 | only JSON objects: `415` for other content types, `400` for malformed bodies, unknown fields refused | 3 |
# | 3 | a size limit: `413` above `MAX_CONTENT_LENGTH` | 3 |
# | 4 | the settings form, protected against CSRF with Flask-WTF | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, with the defaults `MAX_CONTENT_LENGTH = 4096`
# and `SENDER_NAME = "Postbox"`, and applies `test_config` (a dict) on top of
# them. Each app keeps its own accounts (none at first) and sender name in
# memory. The tests call `create_app({"TESTING": True, ...})` and talk to the
# app only through Flask's test client, so any correct design passes.
#
# The tests of tasks 1-3 pass `WTF_CSRF_ENABLED = False`, so that your CSRF
# protection of task 4 cannot change their results; task 4's tests turn it on
# and pass a `SECRET_KEY`.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, pydantic and Flask-WTF documentation while you work.

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write your schema, your form and `create_app(test_config=None)` in the cell
# below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from typing import Annotated

from flask import Flask, jsonify, redirect, render_template_string, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.csrf import CSRFProtect
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import StringField
from wtforms.validators import DataRequired, Length

### BEGIN SOLUTION
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Topic = Annotated[str, Field(min_length=1, max_length=30)]


class AccountIn(BaseModel):
    """What a client may send. Unknown members are refused, not ignored (mass assignment)."""

    model_config = ConfigDict(extra="forbid")

    email: str = Field(pattern=EMAIL)
    name: str = Field(min_length=1, max_length=50)
    password: str = Field(min_length=12, max_length=128)
    topics: list[Topic] = Field(default_factory=list, max_length=5)


class AccountOut(BaseModel):
    """What the API answers: the password has no field here, so it cannot leak."""

    id: int
    email: str
    name: str
    topics: list[str]


def errors_response(status, *errors):
    """errors are (field, message) pairs."""
    return jsonify(errors=[{"field": field, "message": message} for field, message in errors]), status


def field_path(loc):
    return ".".join(str(part) for part in loc) or None


csrf = CSRFProtect()


class SenderForm(FlaskForm):
    sender_name = StringField("Sender name", validators=[DataRequired(), Length(max=50)])


SETTINGS_PAGE = """<!doctype html>
<title>Newsletter settings</title>
<form method="post" action="{{ url_for('newsletter_settings') }}">
  {{ form.hidden_tag() }}
  {{ form.sender_name.label }} {{ form.sender_name() }}
  {% for message in form.sender_name.errors %}<p class="error">{{ message }}</p>{% endfor %}
  <button type="submit">Save</button>
</form>
"""


### END SOLUTION


def create_app(test_config=None):
    """Build a new Postbox app and return it.

    Defaults: MAX_CONTENT_LENGTH = 4096, SENDER_NAME = "Postbox"; then test_config (a dict) on top.
    Routes: POST /api/accounts and GET /api/accounts/<int:account_id> (tasks 1-3),
    GET and POST /settings/newsletter (task 4).
    """
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(MAX_CONTENT_LENGTH=4096, SENDER_NAME="Postbox")
    if test_config is not None:
        app.config.update(test_config)
    # Flask enforces MAX_CONTENT_LENGTH when the body is read; CSRFProtect checks
    # every POST of a view that is not exempt, unless WTF_CSRF_ENABLED is False.
    csrf.init_app(app)

    accounts = {}
    settings = {"sender_name": app.config["SENDER_NAME"]}

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(error):
        limit = app.config["MAX_CONTENT_LENGTH"]
        return errors_response(413, (None, f"The body must not be larger than {limit} bytes."))

    # A JSON API that refuses every other content type cannot be reached by a
    # cross-site form, and its clients send no CSRF token: exempt it.
    @app.post("/api/accounts")
    @csrf.exempt
    def create_account():
        if not request.is_json:
            return errors_response(415, (None, "Send the body as application/json."))
        data = request.get_json(silent=True)  # a body above the limit raises 413 here
        if not isinstance(data, dict):
            return errors_response(400, (None, "The body must be a JSON object."))
        try:
            account = AccountIn.model_validate(data)
        except ValidationError as exc:
            # Never e["input"]: it would send a rejected password back.
            return errors_response(422, *((field_path(e["loc"]), e["msg"]) for e in exc.errors()))
        new_id = len(accounts) + 1
        accounts[new_id] = AccountOut(id=new_id, **account.model_dump(exclude={"password"}))
        # A real app stores werkzeug.security.generate_password_hash(account.password).
        return accounts[new_id].model_dump(), 201

    @app.get("/api/accounts/<int:account_id>")
    def account_detail(account_id):
        if account_id not in accounts:
            return errors_response(404, (None, f"There is no account {account_id}."))
        return accounts[account_id].model_dump()

    @app.route("/settings/newsletter", methods=["GET", "POST"])
    def newsletter_settings():
        form = SenderForm()
        if form.validate_on_submit():
            settings["sender_name"] = form.sender_name.data
            return redirect(url_for("newsletter_settings"), 303)
        if request.method == "POST":
            return render_template_string(SETTINGS_PAGE, form=form), 422
        form.sender_name.data = settings["sender_name"]
        return render_template_string(SETTINGS_PAGE, form=form)

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: a schema for signups (3 points)
#
# In *Your app*, write `create_app(test_config=None)` (see the introduction)
# and a pydantic model for the body of `POST /api/accounts`, a JSON object
# with these members:
#
# | member | rule |
# | --- | --- |
# | `email` | required; a string that matches `^[^@\s]+@[^@\s]+\.[^@\s]+$` as a whole (`re.fullmatch`: `"a@b.io\n"` is an error) |
# | `name` | required; a string of 1 to 50 characters |
# | `password` | required; a string of 12 to 128 characters |
# | `topics` | optional (it may be absent, not `null`), default `[]`; a list of at most 5 strings, each of 1 to 30 characters |
#
# Values of the wrong type are errors (`"name": 5`, `"topics": "news"`).
# (pydantic's `EmailStr` needs the `email-validator` package, which is not
# installed here: use the pattern.)
#
# - A valid body answers `201` with the new account as
#   `{"id": ..., "email": ..., "name": ..., "topics": [...]}`, exactly these
#   members. Ids start at 1 in each app and go up by one.
# - `GET /api/accounts/<int:id>` answers `200` with the same object, or
#   `404` (any body) for an id that does not exist.
# - An invalid body answers `422` with the error shape of the introduction
#   and **one entry for every invalid value**, not just the first one found;
#   `field` is the full path (`topics.1`, not `topics`).
# - **The password never comes back.** No response contains it: not the
#   `201`, not a later `GET`, and not an error, not even the error about the
#   password itself (messages are free text, but they never repeat the value
#   that was sent).

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app
from autograder.validation_checks import expect_field_errors

app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
app.post("/api/accounts", json={"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}).expect(
    201, json={"id": 1, "email": "ada@example.com", "name": "Ada", "topics": []},
    why="the new account, without its password; topics defaults to []",
)
_errors = expect_field_errors(
    app.post("/api/accounts", json={"email": "bob@example.com", "name": "Bob", "password": "short"}),
    422, {"password"}, why="the password has fewer than 12 characters",
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app
from autograder.validation_checks import expect_field_errors, expect_no_secret

### BEGIN HIDDEN TESTS
app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
password = "Grüße-aus-Köln-2024"
grace = {"email": "grace@example.org", "name": "Grace", "topics": ["compilers", "navy"]}
created = app.post("/api/accounts", json={**grace, "password": password}).expect(
    201, json={"id": 1, **grace}, why="the new account with its topics, without its password",
)
expect_no_secret(created, password, "the password sent when the account was created")
shown = app.get("/api/accounts/1").expect(200, json={"id": 1, **grace}, why="the account created just before")
expect_no_secret(shown, password, "the password sent when the account was created")
app.get("/api/accounts/2").expect(404, why="only account 1 exists")
app.post("/api/accounts", json={"email": "alan@example.org", "name": "A" * 50, "password": "x" * 128}).expect(
    201, json={"id": 2, "email": "alan@example.org", "name": "A" * 50, "topics": []},
    why="a name of 50 and a password of 128 characters are allowed; the second account has id 2",
)
app.get("/api/accounts/2").expect(200, json={"id": 2, "email": "alan@example.org", "name": "A" * 50, "topics": []})

cases = [
    ({"name": "Eve", "password": "long enough pw"}, {"email"}, "email is missing"),
    ({"email": "eve@example", "name": "Eve", "password": "long enough pw"}, {"email"}, "the email has no dot after the @"),
    ({"email": "eve example.com", "name": "Eve", "password": "long enough pw"}, {"email"}, "the email has no @"),
    ({"email": "eve@example.com", "name": "", "password": "long enough pw"}, {"name"}, "the name is empty"),
    ({"email": "eve@example.com", "name": "E" * 51, "password": "long enough pw"}, {"name"}, "the name has 51 characters"),
    ({"email": "eve@example.com", "name": 5, "password": "long enough pw"}, {"name"}, "the name is a number"),
    ({"email": "eve@example.com", "name": "Eve", "password": "x" * 129}, {"password"}, "the password has 129 characters"),
    ({"email": "eve@example.com", "name": "Eve", "password": "long enough pw", "topics": "news"}, {"topics"},
     "topics is a string, not a list"),
    ({"email": "eve@example.com", "name": "Eve", "password": "long enough pw", "topics": ["a", "b", "c", "d", "e", "f"]},
     {"topics"}, "there are 6 topics"),
    ({"email": "eve@example.com", "name": "Eve", "password": "long enough pw", "topics": ["news", "", "t" * 31]},
     {"topics.1", "topics.2"}, "the second topic is empty and the third has 31 characters"),
    ({"email": "nope", "name": "", "topics": ["ok", 7]}, {"email", "name", "password", "topics.1"},
     "four values are wrong: every one of them gets an entry"),
    ({"email": "eve@example.com\n", "name": "Eve", "password": "long enough pw"}, {"email"},
     "the email ends with a newline, so the pattern does not match the whole string"),
    ({"email": "eve@example.com", "name": "Eve", "password": "long enough pw", "topics": None}, {"topics"},
     "topics is null: an optional member may be left out, not sent as null"),
]
for body, fields, reason in cases:
    expect_field_errors(app.post("/api/accounts", json=body), 422, fields, why=reason)

short = "Kurz-ä-7"
refused = app.post("/api/accounts", json={"email": "eve@example.com", "name": "Eve", "password": short})
expect_field_errors(refused, 422, {"password"}, why="the password has 8 characters")
expect_no_secret(refused, short, "the password that was sent (a message must not repeat the value)")
other = app.post("/api/accounts", json={"email": "eve@", "name": "Eve", "password": password})
expect_field_errors(other, 422, {"email"}, why="the email is invalid and the password is fine")
expect_no_secret(other, password, "the password that was sent")
app.get("/api/accounts/3").expect(404, why="the refused bodies created no account")

first = check_app(create_app, {"WTF_CSRF_ENABLED": False})
second = check_app(create_app, {"WTF_CSRF_ENABLED": False})
first.post("/api/accounts", json={**grace, "password": password}).expect(
    201, why="a valid body sent to the first of two apps built by create_app",
)
second.get("/api/accounts/1").expect(
    404, why="the only account was created in another app built by create_app: each app keeps its own accounts",
)
linus = {"email": "linus@example.org", "name": "Linus", "topics": []}
second.post("/api/accounts", json={**linus, "password": "long enough pw"}).expect(
    201, json={"id": 1, **linus}, why="the first account of the second app has id 1, whatever the other app holds",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: JSON objects only, and nothing unexpected (3 points)
#
# `POST /api/accounts` accepts nothing but a JSON object holding the members
# of task 1:
#
# - a body whose `Content-Type` is not JSON answers `415`: a form, `text/plain`,
#   `multipart/form-data`, or no `Content-Type` at all, even when the bytes
#   happen to be valid JSON. `application/json` with parameters
#   (`application/json; charset=utf-8`) is JSON. Whether you also accept
#   `application/<something>+json` is your choice (Flask's `request.is_json`
#   does); the tests do not send it;
# - a JSON body that does not parse, or that is not an object (a list, a
#   string, `null`), answers `400`;
# - a member that is not in the schema (`"is_admin": true`, `"role": "staff"`)
#   is an error of its own, answered `422` with `field` the member's name; a
#   refused request creates nothing.
#
# All of these use the error shape of the introduction; the `415` and the
# `400` have one entry with `"field": null`.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app
from autograder.validation_checks import expect_field_errors

app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
_errors = expect_field_errors(
    app.post("/api/accounts", data='{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}',
             content_type="text/plain"),
    415, {None}, why="the body is sent as text/plain",
)
_errors = expect_field_errors(
    app.post("/api/accounts", json={"email": "mal@example.com", "name": "Mal", "password": "correct horse battery",
                                    "is_admin": True}),
    422, {"is_admin"}, why="is_admin is not a member of the schema",
)
app.post("/api/accounts", json={"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}).expect(
    201, why="a valid body after the refused ones gets id 1",
)
app.get("/api/accounts/2").expect(404, why="the body with is_admin must not have created an account")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app
from autograder.validation_checks import expect_field_errors

### BEGIN HIDDEN TESTS
import json

app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
valid = {"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}
text = json.dumps(valid)
not_json = [
    ({"data": "email=ada%40example.com&name=Ada", "content_type": "application/x-www-form-urlencoded"}, "a form"),
    ({"data": {"email": "ada@example.com", "name": "Ada"}, "content_type": "multipart/form-data"}, "a multipart form"),
    ({"data": text}, "no Content-Type at all, though the bytes are JSON"),
    ({"data": text, "content_type": "text/html"}, "text/html, though the bytes are JSON"),
    ({"data": text, "content_type": "application/x-www-form-urlencoded"}, "a form type, though the bytes are JSON"),
]
for request_kwargs, reason in not_json:
    expect_field_errors(app.post("/api/accounts", **request_kwargs), 415, {None}, why=f"the body is {reason}")

bad_json = [
    ('{"email": "ada@example.com", ', "malformed JSON"),
    ("", "an empty body"),
    ('["ada@example.com", "Ada"]', "a JSON list, not an object"),
    ('"ada@example.com"', "a JSON string, not an object"),
    ("null", "JSON null, not an object"),
    ("42", "a JSON number, not an object"),
]
for data, reason in bad_json:
    expect_field_errors(app.post("/api/accounts", data=data, content_type="application/json"), 400, {None},
                        why=f"the body is {reason}")

app.post("/api/accounts", data=text, content_type="application/json; charset=utf-8").expect(
    201, json={"id": 1, "email": "ada@example.com", "name": "Ada", "topics": []},
    why="application/json with a charset parameter is JSON, and the refused requests created nothing",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: a limit on the body's size (3 points)
#
# A signup body is a few hundred bytes; nobody needs to send 40 MB. The
# app's `MAX_CONTENT_LENGTH` (default `4096`, a test config may set another
# value) is the largest body `POST /api/accounts` accepts, in bytes:
#
# - a body of exactly `MAX_CONTENT_LENGTH` bytes is processed as usual;
# - a body of even one byte more answers `413` with the error shape of the
#   introduction, one entry with `"field": null`, whatever the body holds
#   (valid JSON or not). The tests send these bodies as `application/json`;
#   for a large body of another content type, `413` and `415` are both fine.
#
# Flask already enforces `MAX_CONTENT_LENGTH` when a body is read; what the
# client gets back is up to you.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
import json

from autograder import check_app
from autograder.validation_checks import expect_field_errors

app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
_body = json.dumps({"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"})
_body += " " * (4097 - len(_body))  # JSON allows trailing spaces: a valid body of 4097 bytes
_errors = expect_field_errors(
    app.post("/api/accounts", data=_body, content_type="application/json"), 413, {None},
    why="the body has 4097 bytes, one more than the default MAX_CONTENT_LENGTH of 4096",
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
import json

from autograder import check_app
from autograder.validation_checks import expect_field_errors

### BEGIN HIDDEN TESTS
def padded(size, **members):
    body = json.dumps({"email": "ada@example.com", "name": "Ada", "password": "correct horse battery", **members})
    assert len(body) <= size
    return body + " " * (size - len(body))


app = check_app(create_app, {"WTF_CSRF_ENABLED": False})
app.post("/api/accounts", data=padded(4096), content_type="application/json").expect(
    201, why="the body has exactly 4096 bytes, the default MAX_CONTENT_LENGTH: it is processed",
)

small = check_app(create_app, {"WTF_CSRF_ENABLED": False, "MAX_CONTENT_LENGTH": 300})
small.post("/api/accounts", data=padded(300), content_type="application/json").expect(
    201, why="the test config sets MAX_CONTENT_LENGTH to 300 and the body has exactly 300 bytes",
)
for size in (301, 2000):
    too_large = small.post("/api/accounts", data=padded(size), content_type="application/json")
    expect_field_errors(too_large, 413, {None},
        why=f"the test config sets MAX_CONTENT_LENGTH to 300 and the body has {size} bytes",
    )
malformed = small.post("/api/accounts", data="{" * 301, content_type="application/json")
expect_field_errors(malformed, 413, {None}, why="a malformed body of 301 bytes is too large before it is anything else")
under = small.post("/api/accounts", data=padded(299, is_admin=True), content_type="application/json")
expect_field_errors(under, 422, {"is_admin"}, why="a body under the limit is validated as usual")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: the settings form, safe from CSRF (4 points)
#
# A writer changes the sender name of their newsletter on an HTML page. A
# malicious site could submit that form from a visitor's browser (the browser
# sends Postbox's session cookie along), so it is protected with a CSRF token
# from Flask-WTF:
#
# - `GET /settings/newsletter` answers an HTML page (`text/html`) with a
#   `<form method="post">` that has an `<input name="sender_name">` whose
#   `value` is the current sender name (`SENDER_NAME` until it is changed)
#   and the CSRF token in an `<input name="csrf_token">` (a `FlaskForm`'s
#   `form.hidden_tag()` or `form.csrf_token` renders it);
# - `POST /settings/newsletter` with the token of the browser's session and a
#   `sender_name` of 1 to 50 characters saves it and redirects (`302` or
#   `303`) to `/settings/newsletter` (a name of only spaces may be saved or
#   refused with `422`: both are accepted);
# - a `POST` whose token is missing, wrong, or belongs to another session is
#   refused with `400` (Flask-WTF's `CSRFError` is a `400`; `403` is accepted
#   too), and changes nothing;
# - a `POST` with a good token but an empty or too long `sender_name` answers
#   `422` with the form again, and changes nothing;
# - CSRF protection is **on by default**: it is off only when a config sets
#   `WTF_CSRF_ENABLED = False`. The tests pass a `SECRET_KEY`;
# - the JSON API of tasks 1-3 stays usable without a token when protection
#   is on: its clients are programs that send JSON, not forms.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from autograder.validation_checks import form_inputs

app = check_app(create_app, {"SECRET_KEY": "visible-test-key", "WTF_CSRF_ENABLED": True})
_inputs = form_inputs(app.get("/settings/newsletter").expect(200))
assert "csrf_token" in _inputs, (
    f"GET /settings/newsletter should show a form with an <input name=\"csrf_token\">; the inputs found are {sorted(_inputs)}"
)
app.post("/settings/newsletter", data={"sender_name": "Ada's notes"}).expect(
    (400, 403), why="the form was posted without a CSRF token",
)
app.post("/settings/newsletter", data={"sender_name": "Ada's notes", "csrf_token": _inputs["csrf_token"]}).expect(
    (302, 303), location="/settings/newsletter", why="the token of this session and a valid sender name",
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import AppProbe, check_app
from autograder.validation_checks import form_inputs, form_methods

### BEGIN HIDDEN TESTS
# No WTF_CSRF_ENABLED here: protection must be on by default.
app = check_app(create_app, {"SECRET_KEY": "hidden-test-key", "SENDER_NAME": "Tally Weekly"})
page = "/settings/newsletter"


def shown_name(probe, expected, reason):
    inputs = form_inputs(probe.get(page).expect(200))
    assert "sender_name" in inputs, (
        f"GET {page} should show a form with an <input name=\"sender_name\">; the inputs found are {sorted(inputs)}"
    )
    assert inputs["sender_name"] == expected, (
        f"GET {page} should show the sender name {expected!r} in the sender_name input ({reason}), "
        f"got {inputs['sender_name']!r}"
    )
    return inputs


mine = shown_name(app, "Tally Weekly", "the SENDER_NAME of the test config")
assert mine.get("csrf_token"), f"GET {page} should put a CSRF token in <input name=\"csrf_token\">"
methods = form_methods(app.get(page).expect(200))
assert "post" in methods, f"GET {page} should show a <form method=\"post\">; the forms found have the methods {methods}"
# A second browser: the same app through a test client with its own cookies.
theirs = form_inputs(AppProbe(app.app).get(page).expect(200))["csrf_token"]
elsewhere = check_app(create_app, {"SECRET_KEY": "another-key", "SENDER_NAME": "Tally Weekly"})
foreign = form_inputs(elsewhere.get(page).expect(200))["csrf_token"]

refused = [
    ({"sender_name": "Pwned"}, "no CSRF token (protection is on by default)"),
    ({"sender_name": "Pwned", "csrf_token": ""}, "an empty CSRF token"),
    ({"sender_name": "Pwned", "csrf_token": "not-a-real-token"}, "a made-up CSRF token"),
    ({"sender_name": "Pwned", "csrf_token": foreign}, "a token signed with another SECRET_KEY"),
    ({"sender_name": "Pwned", "csrf_token": theirs}, "the CSRF token of another browser's session"),
]
for form, reason in refused:
    app.post(page, data=form).expect((400, 403), why=f"the form was posted with {reason}")
shown_name(app, "Tally Weekly", "the refused posts must not change it")

for name, reason in (("", "an empty sender name"), ("N" * 51, "a sender name of 51 characters")):
    again = app.post(page, data={"sender_name": name, "csrf_token": mine["csrf_token"]}).expect(
        422, why=f"a good CSRF token and {reason}"
    )
    assert "sender_name" in form_inputs(again), f"POST {page} with {reason} should answer the form again"
shown_name(app, "Tally Weekly", "the refused sender names must not be saved")

app.post(page, data={"sender_name": "N" * 50, "csrf_token": mine["csrf_token"]}).expect(
    (302, 303), location=page, why="a good CSRF token and a sender name of 50 characters",
)
saved = shown_name(app, "N" * 50, "the name just saved")
app.post(page, data={"sender_name": "   ", "csrf_token": mine["csrf_token"]}).expect(
    (302, 303, 422), why="a good CSRF token and a sender name of three spaces, which may be saved or refused",
)
quoted = 'The "Daily" <Byte> & Co'
app.post(page, data={"sender_name": quoted, "csrf_token": mine["csrf_token"]}).expect(
    (302, 303), location=page, why="a good CSRF token and a sender name with a double quote, a < and an &",
)
escaped = shown_name(app, quoted, "the name just saved; its quote, < and & must be escaped in the HTML")
untouched = shown_name(elsewhere, "Tally Weekly", "another app built by create_app, whose sender name was never changed")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
for config in ({"SECRET_KEY": "hidden-test-key"}, {"SECRET_KEY": "hidden-test-key", "WTF_CSRF_ENABLED": True}):
    app = check_app(create_app, config)
    app.post("/api/accounts", json={"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}).expect(
        201, why="CSRF protection is on, and the JSON API still takes a valid body without a CSRF token",
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# In review, a teammate writes: "Exempting `/api/accounts` from CSRF is a
# hole. Either protect it like the form, or drop the `415` check and parse
# every body with `request.get_json(force=True)`, so that more clients can
# use the API."
#
# In a few sentences: why does a JSON-only endpoint resist the attack a
# CSRF token stops, and what would `force=True` change about that? When
# would the API need CSRF protection after all, and what would you use then?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** A cross-site attacker makes the victim's browser send a
# request with the victim's cookies; without JavaScript access to our origin,
# a plain HTML form can only send `application/x-www-form-urlencoded`,
# `multipart/form-data` or `text/plain`. A cross-origin `fetch` with
# `Content-Type: application/json` is not a "simple" request: the browser
# first sends a CORS preflight, and our API does not allow other origins, so
# the request never goes out. The `415` check is exactly what makes the
# endpoint JSON-only: with `get_json(force=True)` a `text/plain` form body
# such as `{"email": ..., "x": "=..."}` (the form trick with one field whose
# name and value together make JSON) is parsed and the attack works again.
# And CSRF only matters when the browser attaches credentials by itself
# (session cookie, HTTP basic auth, client certificates): today's signup
# endpoint has no session at all. The API needs protection once it is
# authenticated by a cookie (for example the web client's session): then a
# CSRF token in a header (`X-CSRFToken`, which Flask-WTF's `CSRFProtect`
# checks too), `SameSite=Lax`/`Strict` session cookies, and checking
# `Origin`/`Sec-Fetch-Site`; or authenticate API clients with a bearer token
# in `Authorization`, which browsers never add on their own. A CORS policy
# that reflects any origin with credentials would undo all of it.
#
# **Rubric (1 point each).**
# 1. Explains why JSON-only resists CSRF: forms can only send three content
#    types, and a cross-origin JSON request needs a CORS preflight the API
#    does not grant.
# 2. Says `force=True` (or accepting `text/plain`) reopens it: a forged form
#    can carry a JSON-looking body, so the `415` is part of the protection.
# 3. Names when protection is needed (credentials the browser sends by
#    itself, such as a session cookie) and a fitting defence: a token in a
#    header, SameSite cookies, Origin checks, or bearer tokens instead of
#    cookies.

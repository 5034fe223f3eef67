# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Authentication: sessions and bearer tokens for the Pitstop workshop
#
# Pitstop is a bike-repair workshop. Its staff log in to a web dashboard in
# the browser, and the mechanics' tablets talk to a JSON API. You will build
# both doors into the same Flask app: a **session cookie** for the dashboard
# and **bearer tokens** (JWT) for the API, and you will make both hold up
# against the attacks a security review will try.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `POST /login` with hashed passwords, `GET /me` | 3 |
# | 2 | safe session cookies, sessions renewed on login, a logout that ends them | 4 |
# | 3 | `POST /api/token`: short-lived RS256 access tokens | 3 |
# | 4 | `GET /api/me`: verifying bearer tokens (forged, tampered, expired ones refused) | 5 |
# | 5 | refresh tokens: `POST /api/refresh` with rotation | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **Libraries.** Flask and its `session`; `werkzeug.security`
# (`check_password_hash`); PyJWT (`import jwt`) with `cryptography` for RS256.
# Nothing else is needed, and nothing else is installed for you.
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client (each test client is one
# browser: it keeps and sends back the cookies your app sets), so any
# correct design passes. Tests of the API make their own tokens with the
# keys of the app's configuration.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, Werkzeug and PyJWT documentation while you work.

# %% nbgrader={"grade_id": "seed", "locked": true}
# The users, keys and names the app starts with. Do not edit this cell.
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from werkzeug.security import generate_password_hash


def make_key_pair():
    """Return a new RSA key pair as PEM strings: (private_key, public_key)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    return private_pem, public_pem


# The passwords in clear are here for you to try things out: the app only ever sees the hashes.
# The hashes use light scrypt parameters so that the tests run fast; production keeps Werkzeug's defaults.
SEED_PASSWORDS = {"ada": "analytical-engine-1843", "grace": "cobol-and-nanoseconds"}
SEED_USERS = {
    username: {"name": name, "password_hash": generate_password_hash(SEED_PASSWORDS[username], "scrypt:4096:8:1")}
    for username, name in (("ada", "Ada Lovelace"), ("grace", "Grace Hopper"))
}
SEED_PRIVATE_KEY, SEED_PUBLIC_KEY = make_key_pair()
SEED_ISSUER = "https://auth.pitstop.example"
SEED_AUDIENCE = "pitstop-api"

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and your helpers in the cell below.
# Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import secrets
import time

import jwt
from flask import Flask, current_app, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

### BEGIN SOLUTION
ACCESS, REFRESH = "access", "refresh"


def error(message, status=401):
    return jsonify(error=message), status


def check_credentials(users):
    """The username whose password the JSON body proves, or None."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return None
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        return None
    user = users.get(username)
    if user is None:
        # Same answer (and about the same time) as for a wrong password.
        check_password_hash(DUMMY_HASH, password)
        return None
    return username if check_password_hash(user["password_hash"], password) else None


def make_token(username, use, seconds, **claims):
    config = current_app.config
    now = int(time.time())
    payload = {
        "iss": config["JWT_ISSUER"], "aud": config["JWT_AUDIENCE"], "sub": username,
        "iat": now, "exp": now + seconds, "token_use": use, **claims,
    }
    return jwt.encode(payload, config["JWT_PRIVATE_KEY"], algorithm="RS256")


def read_token(token, use):
    """The verified claims of a token of the given use, or None."""
    config = current_app.config
    try:
        payload = jwt.decode(
            token, config["JWT_PUBLIC_KEY"],
            algorithms=["RS256"],  # never the token's own alg header: no "none", no HS256 with the public key
            audience=config["JWT_AUDIENCE"], issuer=config["JWT_ISSUER"],
            options={"require": ["exp", "iat", "sub", "aud", "iss", "token_use"]},
        )
    except jwt.PyJWTError:
        return None
    if payload.get("token_use") != use or payload.get("sub") not in config["USERS"]:
        return None
    return payload


def token_pair(username):
    config = current_app.config
    return jsonify(
        access_token=make_token(username, ACCESS, config["ACCESS_TOKEN_SECONDS"]),
        token_type="Bearer",
        expires_in=config["ACCESS_TOKEN_SECONDS"],
        refresh_token=make_token(username, REFRESH, config["REFRESH_TOKEN_SECONDS"], jti=secrets.token_urlsafe(16)),
    )


# Checked for unknown users, so that they cost as much time as a wrong password (same parameters as the seed).
DUMMY_HASH = generate_password_hash("no such user", "scrypt:4096:8:1")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=secrets.token_hex(32),
        USERS=SEED_USERS,
        JWT_PRIVATE_KEY=SEED_PRIVATE_KEY,
        JWT_PUBLIC_KEY=SEED_PUBLIC_KEY,
        JWT_ISSUER=SEED_ISSUER,
        JWT_AUDIENCE=SEED_AUDIENCE,
        ACCESS_TOKEN_SECONDS=300,
        REFRESH_TOKEN_SECONDS=14 * 24 * 3600,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    if test_config is not None:
        app.config.update(test_config)

    # Server-side state: the signed cookie only carries a random session id.
    sessions = {}  # session id -> username
    used_refresh = set()  # jti of every refresh token already exchanged

    def current_user():
        return sessions.get(session.get("sid"))

    def profile(username):
        return {"username": username, "name": app.config["USERS"][username]["name"]}

    @app.post("/login")
    def login():
        username = check_credentials(app.config["USERS"])
        if username is None:
            return error("invalid username or password")
        # No fixation: the session that came with the request ends, a new id starts.
        sessions.pop(session.get("sid"), None)
        session.clear()
        sid = secrets.token_urlsafe(32)
        sessions[sid] = username
        session["sid"] = sid
        return profile(username)

    @app.get("/me")
    def me():
        username = current_user()
        if username is None or username not in app.config["USERS"]:
            return error("not logged in")
        return profile(username)

    @app.post("/logout")
    def logout():
        sessions.pop(session.get("sid"), None)
        session.clear()
        return "", 204

    @app.post("/api/token")
    def api_token():
        username = check_credentials(app.config["USERS"])
        if username is None:
            return error("invalid username or password")
        return token_pair(username)

    @app.get("/api/me")
    def api_me():
        auth = request.authorization  # parses the scheme case-insensitively
        claims = read_token(auth.token, ACCESS) if auth is not None and auth.type == "bearer" and auth.token else None
        if claims is None:
            response = jsonify(error="invalid or missing bearer token")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        return profile(claims["sub"])

    @app.post("/api/refresh")
    def api_refresh():
        data = request.get_json(silent=True)
        token = data.get("refresh_token") if isinstance(data, dict) else None
        claims = read_token(token, REFRESH) if isinstance(token, str) else None
        if claims is None or not isinstance(claims.get("jti"), str) or claims["jti"] in used_refresh:
            return error("invalid refresh token")
        used_refresh.add(claims["jti"])  # rotation: each refresh token works once
        return token_pair(claims["sub"])

    return app
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: log in with a hashed password (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `USERS = SEED_USERS`, `JWT_PRIVATE_KEY = SEED_PRIVATE_KEY`,
#   `JWT_PUBLIC_KEY = SEED_PUBLIC_KEY`, `JWT_ISSUER = SEED_ISSUER`,
#   `JWT_AUDIENCE = SEED_AUDIENCE`, `ACCESS_TOKEN_SECONDS = 300`,
#   `REFRESH_TOKEN_SECONDS = 1209600` (14 days) and a `SECRET_KEY` of your
#   choice, then applies `test_config` when one is given (tasks 1-5 use
#   these settings). `USERS` maps a username to
#   `{"name": ..., "password_hash": ...}`; the hashes were made with
#   `werkzeug.security.generate_password_hash`, with whatever method and
#   parameters the tests choose.
# - `POST /login` takes a JSON body `{"username": ..., "password": ...}`.
#   When the password matches the user's hash, the browser is logged in and
#   the answer is `200` with `{"username": ..., "name": ...}`.
# - Otherwise the answer is `401` with a JSON object `{"error": <a message of
#   your choice>}`, and nobody is logged in. An unknown username and a wrong
#   password get **the same** status and body: a login form must not tell an
#   attacker which usernames exist. A body that is not a JSON object, or a
#   missing or non-string `username` or `password`, answers `400` or `401`
#   (both are accepted), never a server error.
# - `GET /me` answers `200` with `{"username": ..., "name": ...}` of the
#   logged-in user, and `401` with `{"error": ...}` when nobody is logged in.
#
# Use Flask's `session` to remember who is logged in (task 2 changes what
# you keep in it).

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
_login = {"username": "ada", "password": SEED_PASSWORDS["ada"]}
app.post("/login", json=_login).expect(200, json={"username": "ada", "name": "Ada Lovelace"})
app.get("/me").expect(200, json={"username": "ada", "name": "Ada Lovelace"}, why="the browser logged in as ada")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import AppProbe, check_app

### BEGIN HIDDEN TESTS
from werkzeug.security import generate_password_hash

users = {
    "lin": {"name": "Lin Wei", "password_hash": generate_password_hash("Spokes&Chains-77", "pbkdf2:sha256:1000")},
    "sam": {"name": "Sam Okafor", "password_hash": generate_password_hash("derailleur", "scrypt:1024:8:1")},
}
app = check_app(create_app, {"USERS": users})
app.get("/me").expect(401, why="nobody has logged in yet")

wrong = app.post("/login", json={"username": "lin", "password": "spokes&chains-77"})
wrong.expect(401, why="the password differs from lin's in one letter's case")
assert isinstance(wrong.json, dict) and isinstance(wrong.json.get("error"), str), (
    f"a failed login should answer a JSON object with an \"error\" string, got {wrong.describe()}"
)
app.get("/me").expect(401, why="the only login attempt failed")
unknown = app.post("/login", json={"username": "lyn", "password": "spokes&chains-77"}).expect(
    401, why="there is no user lyn"
)
assert unknown.json == wrong.json, (
    "an unknown username and a wrong password must get the same answer, so that the login does not "
    f"tell which usernames exist; POST /login for a wrong password answered {wrong.describe()}, "
    f"for an unknown user {unknown.describe()}"
)
app.post("/login", json={"username": "ada", "password": "analytical-engine-1843"}).expect(
    401, why="this app's USERS (from the test config) have no ada"
)

for body, what in (
    ({"username": "lin"}, "no password"),
    ({"password": "Spokes&Chains-77"}, "no username"),
    ({"username": "lin", "password": 1234}, "a password that is a number"),
    ({"username": ["lin"], "password": "Spokes&Chains-77"}, "a username that is a list"),
    (["lin", "Spokes&Chains-77"], "a JSON list instead of an object"),
):
    app.post("/login", json=body).expect((400, 401), why=f"a login with {what}")
app.post("/login", data="username=lin&password=Spokes%26Chains-77",
         content_type="application/x-www-form-urlencoded").expect((400, 401), why="a form body, not JSON")
app.get("/me").expect(401, why="every login attempt failed")

app.post("/login", json={"username": "lin", "password": "Spokes&Chains-77"}).expect(
    200, json={"username": "lin", "name": "Lin Wei"}, why="lin's password, hashed with pbkdf2"
)
app.get("/me").expect(200, json={"username": "lin", "name": "Lin Wei"}, why="the browser logged in as lin")
other = AppProbe(app.app)
other.get("/me").expect(401, why="a second browser that never logged in")
other.post("/login", json={"username": "sam", "password": "derailleur"}).expect(
    200, json={"username": "sam", "name": "Sam Okafor"}, why="sam's password, hashed with scrypt"
)
app.get("/me").expect(200, json={"username": "lin", "name": "Lin Wei"}, why="the first browser is still lin")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: safe cookies, renewed sessions, a logout that ends them (4 points)
#
# Flask's default session is a *signed cookie*: the server keeps nothing, so
# a copy of the cookie (from a shared computer, a proxy log, malware) stays
# valid after the user logs out, and a cookie planted before login survives
# the login. Make sessions something the server can end:
#
# - **Server-side sessions.** At login, make a new random session id
#   (`secrets.token_urlsafe(32)`) and keep it in a store the app owns (a dict
#   created in `create_app` is fine here), mapped to the username. The
#   cookie carries only that id (in Flask's `session`, or in a cookie of your
#   own). A request is logged in only while its id is in the store.
# - **Renewed on login.** A successful `POST /login` ends the session that
#   came with the request, if any, and starts a new one with a new id: a
#   copy of the cookie taken before the login (say, an attacker's own
#   session planted in the victim's browser) is not logged in afterwards, as
#   nobody.
# - **Logout ends the session.** `POST /logout` answers `204` with an empty
#   body, removes the session from the store and clears the cookie. A copy of
#   the cookie taken before the logout is refused afterwards (`GET /me`
#   answers `401`). Whether the user's *other* sessions (another browser) end
#   too is up to you: both are accepted.
# - **Cookie flags.** Every cookie your app sets at login has the
#   `HttpOnly` and `Secure` attributes and `SameSite=Lax` or
#   `SameSite=Strict` (both are accepted).
#
# The tests replay old cookies by copying the values a browser held into a
# second test client.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.post("/login", json={"username": "grace", "password": SEED_PASSWORDS["grace"]}).expect(200)
app.post("/logout").expect(204, empty=True, why="logout answers 204 with an empty body")
app.get("/me").expect(401, why="the browser logged out")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
reply = app.post("/login", json={"username": "ada", "password": SEED_PASSWORDS["ada"]}).expect(200)
names = [header.split("=", 1)[0].strip() for header in reply.headers.getlist("Set-Cookie")]
assert names, f"POST /login should set a session cookie, but it answered {reply.describe()} with no Set-Cookie header"
for name in names:
    cookie = app.client.get_cookie(name)
    if cookie is None:
        continue  # a cookie the login deleted
    missing = [flag for flag, ok in (("HttpOnly", cookie.http_only), ("Secure", cookie.secure)) if not ok]
    same_site = (cookie.same_site or "").lower()
    if same_site not in ("lax", "strict"):
        missing.append(f"SameSite=Lax or Strict (got {cookie.same_site or 'no SameSite'})")
    assert not missing, (
        f"POST /login set the cookie {name!r} without {', '.join(missing)}. "
        "Set-Cookie headers: " + " | ".join(h.split("=", 1)[0] + "=...;" + h.split(";", 1)[-1]
                                            for h in reply.headers.getlist("Set-Cookie"))
    )
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import AppProbe, check_app

### BEGIN HIDDEN TESTS
def copy_cookies(probe, names):
    """The cookies the browser holds now, as {name: value}."""
    held = {}
    for name in names:
        cookie = probe.client.get_cookie(name)
        if cookie is not None:
            held[name] = cookie.value
    return held


def replay(app, cookies):
    """A new browser that sends exactly the copied cookies."""
    thief = AppProbe(app.app)
    for name, value in cookies.items():
        thief.client.set_cookie(name, value)
    return thief


def login(probe, username):
    reply = probe.post("/login", json={"username": username, "password": SEED_PASSWORDS[username]})
    reply.expect(200, why=f"{username}'s own password")
    return [h.split("=", 1)[0].strip() for h in reply.headers.getlist("Set-Cookie")]


# Logout: a copy of the cookie taken before the logout is refused afterwards.
app = check_app(create_app)
names = login(app, "ada")
before_logout = copy_cookies(app, names)
replay(app, before_logout).get("/me").expect(200, why="a copy of a logged-in browser's cookies, before any logout")
app.post("/logout").expect(204)
replay(app, before_logout).get("/me").expect(
    401, why="a copy of ada's cookies taken before she logged out: the logout must end that session on the server"
)
login(app, "ada")
app.get("/me").expect(200, json={"username": "ada", "name": "Ada Lovelace"}, why="ada logged in again")

# Fixation: the attacker logs in as grace and plants that cookie in ada's browser; ada logs in.
app = check_app(create_app)
names = login(app, "grace")
planted = copy_cookies(app, names)
names = login(app, "ada") + names
app.get("/me").expect(200, json={"username": "ada", "name": "Ada Lovelace"}, why="the browser's latest login is ada")
replay(app, planted).get("/me").expect(
    401, why="a copy of the cookies this browser held before ada logged in: the login must end that session "
    "and start a new one, so the old cookie is not ada's (nor grace's any more)"
)
after_login = copy_cookies(app, names)
assert after_login != planted, "POST /login should give the browser a new session cookie, but the cookie did not change"
replay(app, after_login).get("/me").expect(200, why="a copy of the cookies after ada's login, before any logout")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: access tokens for the API (3 points)
#
# The tablets cannot keep a browser session; they send a bearer token.
# Add `POST /api/token`, with the same JSON body as `/login`:
#
# - wrong credentials answer as `/login` does (`401`, or `400` for a
#   malformed body, with `{"error": ...}`);
# - correct ones answer `200` with a JSON object that has (at least)
#   `"access_token"`, `"token_type": "Bearer"` and `"expires_in"` (the
#   setting `ACCESS_TOKEN_SECONDS`, an integer).
#
# The access token is a JWT signed with **RS256** and the app's
# `JWT_PRIVATE_KEY` (PyJWT: `jwt.encode(claims, key, algorithm="RS256")`).
# Its claims are exactly these, plus any others you like that hold no secret:
#
# | claim | value |
# | --- | --- |
# | `iss` | `JWT_ISSUER` |
# | `aud` | `JWT_AUDIENCE` |
# | `sub` | the username |
# | `iat` | the time it was issued, in seconds since the epoch |
# | `exp` | `iat + ACCESS_TOKEN_SECONDS` |
# | `token_use` | `"access"` |
#
# A JWT's payload is only base64: anyone holding the token can read it, so
# it must not carry the password or its hash.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
import jwt

from autograder import check_app

app = check_app(create_app)
_reply = app.post("/api/token", json={"username": "ada", "password": SEED_PASSWORDS["ada"]}).expect(
    200, json_subset={"token_type": "Bearer", "expires_in": 300}
)
try:
    _claims = jwt.decode(_reply.json["access_token"], SEED_PUBLIC_KEY, algorithms=["RS256"],
                         audience=SEED_AUDIENCE, issuer=SEED_ISSUER, leeway=5)
except (jwt.PyJWTError, KeyError, TypeError) as _error:
    raise AssertionError(
        f"the access_token of POST /api/token should be a JWT signed with RS256 and JWT_PRIVATE_KEY, with "
        f"iss JWT_ISSUER and aud JWT_AUDIENCE; verifying it with JWT_PUBLIC_KEY failed: {_error}"
    ) from None
assert _claims.get("sub") == "ada" and _claims.get("token_use") == "access", (
    f"the access token for ada should have sub \"ada\" and token_use \"access\", got claims {_claims}"
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
import jwt

from autograder import check_app

### BEGIN HIDDEN TESTS
import base64
import json
import time

from werkzeug.security import generate_password_hash

private_key, public_key = make_key_pair()
password_hash = generate_password_hash("Spokes&Chains-77", "pbkdf2:sha256:1000")
config = {
    "USERS": {"lin": {"name": "Lin Wei", "password_hash": password_hash}},
    "JWT_PRIVATE_KEY": private_key, "JWT_PUBLIC_KEY": public_key,
    "JWT_ISSUER": "https://login.example.test", "JWT_AUDIENCE": "tablets-test", "ACCESS_TOKEN_SECONDS": 120,
}
app = check_app(create_app, config)
app.post("/api/token", json={"username": "lin", "password": "wrong"}).expect(401, why="a wrong password")


def token_refused(reply, what, statuses):
    reply.expect(statuses, why=what)
    assert isinstance(reply.json, dict) and isinstance(reply.json.get("error"), str), (
        f"POST /api/token with {what} should answer a JSON object with an \"error\" string, got {reply.describe()}"
    )


token_refused(app.post("/api/token", json={"username": "lyn", "password": "Spokes&Chains-77"}),
              "an unknown username (there is no user lyn)", 401)
for body, what in (
    ({"username": "lin"}, "a body without password"),
    ({"password": "Spokes&Chains-77"}, "a body without username"),
    ({"username": "lin", "password": 77}, "a password that is a number"),
    ({"username": ["lin"], "password": "Spokes&Chains-77"}, "a username that is a list"),
    (["lin", "Spokes&Chains-77"], "a JSON list, not an object"),
):
    token_refused(app.post("/api/token", json=body), what, (400, 401))
token_refused(app.post("/api/token", data="username=lin&password=Spokes%26Chains-77",
                       content_type="application/x-www-form-urlencoded"), "a form body instead of JSON", (400, 401))
started = time.time()
reply = app.post("/api/token", json={"username": "lin", "password": "Spokes&Chains-77"}).expect(
    200, json_subset={"token_type": "Bearer", "expires_in": 120}, why="ACCESS_TOKEN_SECONDS is 120 in this app"
)
ended = time.time()
token = reply.json.get("access_token")
assert isinstance(token, str), f"POST /api/token should answer an access_token string, got {reply.describe()}"
try:
    header = jwt.get_unverified_header(token)
    claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="tablets-test",
                        issuer="https://login.example.test", options={"verify_exp": False}, leeway=5)
except jwt.PyJWTError as error:
    raise AssertionError(
        "the access token should be signed with the JWT_PRIVATE_KEY of the app's configuration (the test "
        "gave the app a key pair of its own), with iss JWT_ISSUER and aud JWT_AUDIENCE of that "
        f"configuration; verifying it with that JWT_PUBLIC_KEY failed: {error}"
    ) from None
assert header.get("alg") == "RS256", f"the access token should be signed with RS256, its header says {header}"
shown = {k: v for k, v in claims.items()}
assert claims.get("sub") == "lin" and claims.get("token_use") == "access", (
    f"an access token for lin should have sub \"lin\" and token_use \"access\", got claims {shown}"
)
for name in ("iat", "exp"):
    assert isinstance(claims.get(name), (int, float)) and not isinstance(claims.get(name), bool), (
        f"the access token's {name} should be a number of seconds since the epoch, got claims {shown}"
    )
assert started - 5 <= claims["iat"] <= ended + 5, (
    f"the access token's iat should be the time it was issued ({int(started)}), got {claims['iat']}"
)
assert abs(claims["exp"] - claims["iat"] - 120) < 1, (
    f"with ACCESS_TOKEN_SECONDS 120 the access token should expire 120 s after iat, "
    f"got iat {claims['iat']} and exp {claims['exp']}"
)
segment = token.split(".")[1]
payload_text = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode("utf-8", "replace")
for secret, what in (("Spokes&Chains-77", "the password"), (password_hash, "the password hash"),
                     (password_hash.split("$")[-1], "the password hash")):
    assert secret not in payload_text and secret not in json.dumps(claims), (
        f"the access token's payload holds {what}: anyone who sees a token can read its claims"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: verify bearer tokens (5 points)
#
# Add `GET /api/me`. It reads `Authorization: Bearer <token>` (the scheme is
# case-insensitive, as in every HTTP authentication scheme) and answers
# `200` with `{"username": ..., "name": ...}` of the token's `sub` only when
# all of these hold:
#
# - the signature is a valid **RS256** signature made with the key pair of
#   `JWT_PUBLIC_KEY`. A token that names another algorithm in its header is
#   refused, whatever its signature: `alg: none`, and HS256 tokens "signed"
#   with the public key as an HMAC secret (the key-confusion attack), too;
# - `iss` is `JWT_ISSUER`, `aud` is `JWT_AUDIENCE`, `token_use` is
#   `"access"`;
# - `exp` is present and in the future (`iat`, `sub` present too), and `sub`
#   is a user in `USERS`.
#
# Anything else (no `Authorization` header, another scheme such as `Basic`,
# a token that is not a JWT at all, any check above failing) answers `401`
# with a JSON object `{"error": ...}` and a `WWW-Authenticate` header whose
# scheme is `Bearer` (parameters such as `error="invalid_token"` are up to
# you). Never a `500`: the tests send broken and hostile tokens.
#
# The tests make their own tokens with the keys of the app's configuration.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
import time

import jwt
from werkzeug.datastructures import WWWAuthenticate

from autograder import check_app

app = check_app(create_app)
_now = int(time.time())
_token = jwt.encode(
    {"iss": SEED_ISSUER, "aud": SEED_AUDIENCE, "sub": "grace", "iat": _now, "exp": _now + 300, "token_use": "access"},
    SEED_PRIVATE_KEY, algorithm="RS256",
)
app.get("/api/me", headers={"Authorization": f"Bearer {_token}"}).expect(
    200, json={"username": "grace", "name": "Grace Hopper"}, why="a valid access token for grace"
)
_reply = app.get("/api/me").expect(401, is_json=True, why="a request without an Authorization header")
_scheme = WWWAuthenticate.from_header(_reply.headers.get("WWW-Authenticate"))
assert _scheme is not None and _scheme.type == "bearer", (
    f"GET /api/me without a token should answer 401 with a WWW-Authenticate header of scheme Bearer, "
    f"got {_reply.describe('WWW-Authenticate')}"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
import time

import jwt
from werkzeug.datastructures import WWWAuthenticate

from autograder import check_app

### BEGIN HIDDEN TESTS
import base64
import hashlib
import hmac
import json

from cryptography.hazmat.primitives.serialization import load_pem_private_key

private_key, public_key = make_key_pair()
# Loaded once: PyJWT would load (and validate) the PEM text again at every jwt.encode.
signing_key = load_pem_private_key(private_key.encode(), password=None)
other_private_key, other_public_key = make_key_pair()
issuer, audience = "https://login.example.test", "tablets-test"
app = check_app(create_app, {"JWT_PRIVATE_KEY": private_key, "JWT_PUBLIC_KEY": public_key,
                             "JWT_ISSUER": issuer, "JWT_AUDIENCE": audience})
now = int(time.time())
claims = {"iss": issuer, "aud": audience, "sub": "ada", "iat": now, "exp": now + 300, "token_use": "access"}


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segments(header, payload):
    return b64(json.dumps(header).encode()) + "." + b64(json.dumps(payload).encode())


def refused(token, attack):
    reply = app.get("/api/me", headers={"Authorization": f"Bearer {token}"}).expect(401, why=attack)
    scheme = WWWAuthenticate.from_header(reply.headers.get("WWW-Authenticate"))
    assert scheme is not None and scheme.type == "bearer", (
        f"GET /api/me with {attack} should answer 401 with a WWW-Authenticate header of scheme Bearer, "
        f"got {reply.describe('WWW-Authenticate')}"
    )


good = jwt.encode(claims, signing_key, algorithm="RS256")
app.get("/api/me", headers={"Authorization": f"Bearer {good}"}).expect(
    200, why="a valid token signed with the JWT_PRIVATE_KEY of the test config (a key pair of the test's own)",
    json={"name": "Ada Lovelace", "username": "ada"})
refused(jwt.encode(claims, SEED_PRIVATE_KEY, algorithm="RS256"),
        "a token signed with SEED_PRIVATE_KEY, while this app's JWT_PUBLIC_KEY (from the test config) is another key")
refused(jwt.encode(claims, other_private_key, algorithm="RS256"), "a token signed with an attacker's own RSA key")
for other_alg in ("PS256", "RS384", "RS512"):
    refused(jwt.encode(claims, signing_key, algorithm=other_alg),
            f"a token whose header names {other_alg}, validly signed with {other_alg} and the app's JWT_PRIVATE_KEY "
            "(only RS256 is accepted)")

head, body, signature = good.split(".")
tampered = segments(jwt.get_unverified_header(good), {**claims, "sub": "grace"}) + "." + signature
refused(tampered, "a valid token for ada whose payload was edited to sub grace, keeping ada's signature")
refused(head + "." + body + ".", "a valid token with its signature removed")

unsigned = segments({"alg": "none", "typ": "JWT"}, claims) + "."
refused(unsigned, "an unsigned token with alg none in its header")
for none in ("None", "NONE"):
    refused(segments({"alg": none, "typ": "JWT"}, claims) + ".", f"an unsigned token with alg {none}")

signing_input = segments({"alg": "HS256", "typ": "JWT"}, claims)
for secret, how in ((public_key.encode(), "the PEM text"), (public_key.strip().encode(), "the stripped PEM text")):
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    refused(signing_input + "." + b64(mac), f"an HS256 token whose HMAC secret is {how} of JWT_PUBLIC_KEY "
            "(the key-confusion attack)")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 2}
# More tests of task 4 run here when your notebook is graded.
import time

import jwt

from autograder import check_app

### BEGIN HIDDEN TESTS
from cryptography.hazmat.primitives.serialization import load_pem_private_key

private_key, public_key = make_key_pair()
# Loaded once: PyJWT would load (and validate) the PEM text again at every jwt.encode.
signing_key = load_pem_private_key(private_key.encode(), password=None)
issuer, audience = "https://login.example.test", "tablets-test"
app = check_app(create_app, {"JWT_PRIVATE_KEY": private_key, "JWT_PUBLIC_KEY": public_key,
                             "JWT_ISSUER": issuer, "JWT_AUDIENCE": audience})
now = int(time.time())
claims = {"iss": issuer, "aud": audience, "sub": "grace", "iat": now, "exp": now + 300, "token_use": "access"}


def token(**changes):
    payload = {**claims, **changes}
    for name in [k for k, v in payload.items() if v is None]:
        del payload[name]
    return jwt.encode(payload, signing_key, algorithm="RS256")


def refused(authorization, attack):
    headers = {} if authorization is None else {"Authorization": authorization}
    reply = app.get("/api/me", headers=headers).expect(401, why=attack)
    assert isinstance(reply.json, dict) and "error" in reply.json, (
        f"GET /api/me with {attack} should answer 401 with a JSON object {{\"error\": ...}}, got {reply.describe()}"
    )


refused(f"Bearer {token(exp=now - 60, iat=now - 360)}", "a token that expired a minute ago")
refused(f"Bearer {token(exp=None)}", "a token without exp: it would never expire")
refused(f"Bearer {token(aud='pitstop-admin')}", "a token issued for another audience (aud pitstop-admin)")
refused(f"Bearer {token(aud=None)}", "a token without aud")
refused(f"Bearer {token(iss='https://evil.example')}", "a token from another issuer")
refused(f"Bearer {token(iss=None)}", "a token without iss")
refused(f"Bearer {token(token_use='refresh', jti='r-1')}", "a refresh token (token_use refresh) sent as an access token")
refused(f"Bearer {token(token_use=None)}", "a token without token_use")
refused(f"Bearer {token(sub='mallory')}", "a token for mallory, who is not in USERS")
refused(f"Basic {token()}", "the Basic scheme instead of Bearer")
refused("Bearer", "the Bearer scheme and no token")
refused("Bearer not-a-jwt", "a token that is not a JWT")
refused("Bearer a.b.c", "a token of three segments that are not base64 JSON")
refused(f"Token {token()}", "an unknown scheme")
app.get("/api/me", headers={"Authorization": f"BEARER {token()}"}).expect(
    200, why="a valid token with the scheme written 'BEARER'"
)
app.get("/api/me", headers={"Authorization": f"bearer {token()}"}).expect(
    200, why="a valid token with the scheme written 'bearer': authentication schemes are case-insensitive",
    json={"username": "grace", "name": "Grace Hopper"})
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: refresh tokens with rotation (4 points)
#
# Access tokens live five minutes, so a leaked one is worth little; the
# tablets stay logged in with a **refresh token**:
#
# - `POST /api/token` (task 3) also returns `"refresh_token"`: a JWT signed
#   like the access token (RS256, `JWT_PRIVATE_KEY`), with claims `iss`,
#   `aud`, `sub`, `iat`, `exp` = `iat + REFRESH_TOKEN_SECONDS`,
#   `token_use` `"refresh"` and `jti`, a new random string for each token.
# - `POST /api/refresh` takes `{"refresh_token": ...}`. It verifies the token
#   as strictly as task 4 verifies access tokens (RS256 only, signature, `iss`,
#   `aud`, `exp` present and in the future, `sub` in `USERS`), but requires
#   `token_use` `"refresh"` and a `jti`. A valid one answers `200` with a new
#   pair: the same members as `POST /api/token` (`access_token`,
#   `token_type`, `expires_in`, `refresh_token`), both tokens for the same
#   `sub`.
# - **Rotation**: each refresh token works once. The app remembers the `jti`
#   of every refresh token it exchanged; the same token sent again answers
#   `401`. The new refresh token works (once).
# - Anything else answers `401` with `{"error": ...}`: an access token sent
#   as a refresh token, an expired, forged or reused one; a body that is not
#   a JSON object or has no `refresh_token` string answers `400` or `401`.
#
# The tests make refresh tokens of their own, so keep the used `jti`s (a set
# created in `create_app` is fine here); do not keep a list of issued tokens
# that would refuse the tests' tokens.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
import time

import jwt

from autograder import check_app

app = check_app(create_app)
_now = int(time.time())
_refresh = jwt.encode(
    {"iss": SEED_ISSUER, "aud": SEED_AUDIENCE, "sub": "ada", "iat": _now, "exp": _now + 3600,
     "token_use": "refresh", "jti": "visible-test-1"},
    SEED_PRIVATE_KEY, algorithm="RS256",
)
_reply = app.post("/api/refresh", json={"refresh_token": _refresh}).expect(
    200, json_subset={"token_type": "Bearer", "expires_in": 300}, why="a valid refresh token for ada"
)
try:
    _claims = jwt.decode(_reply.json["access_token"], SEED_PUBLIC_KEY, algorithms=["RS256"],
                         audience=SEED_AUDIENCE, issuer=SEED_ISSUER, leeway=5)
except (jwt.PyJWTError, KeyError, TypeError) as _error:
    raise AssertionError(f"POST /api/refresh should answer a new access_token that verifies as in task 3: {_error}") from None
assert _claims.get("sub") == "ada" and _claims.get("token_use") == "access", (
    f"the new access token should be ada's (sub \"ada\", token_use \"access\"), got claims {_claims}"
)

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 3}
# More tests of task 5 run here when your notebook is graded.
import time

import jwt

from autograder import check_app

### BEGIN HIDDEN TESTS
import uuid

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from werkzeug.security import generate_password_hash

private_key, public_key = make_key_pair()
# Loaded once: PyJWT would load (and validate) the PEM text again at every jwt.encode.
signing_key = load_pem_private_key(private_key.encode(), password=None)
issuer, audience = "https://login.example.test", "tablets-test"
users = {"lin": {"name": "Lin Wei", "password_hash": generate_password_hash("Spokes&Chains-77", "pbkdf2:sha256:1000")}}
app = check_app(create_app, {"USERS": users, "JWT_PRIVATE_KEY": private_key, "JWT_PUBLIC_KEY": public_key,
                             "JWT_ISSUER": issuer, "JWT_AUDIENCE": audience,
                             "ACCESS_TOKEN_SECONDS": 60, "REFRESH_TOKEN_SECONDS": 7200})
now = int(time.time())


def refresh_token(**changes):
    payload = {"iss": issuer, "aud": audience, "sub": "lin", "iat": now, "exp": now + 3600,
               "token_use": "refresh", "jti": uuid.uuid4().hex, **changes}
    for name in [k for k, v in payload.items() if v is None]:
        del payload[name]
    key = payload.pop("_key", signing_key)
    return jwt.encode(payload, key, algorithm=payload.pop("_alg", "RS256"))


def verified(token, use, what):
    try:
        claims = jwt.decode(token, public_key, algorithms=["RS256"], audience=audience, issuer=issuer, leeway=5)
    except (jwt.PyJWTError, TypeError, AttributeError) as error:
        raise AssertionError(f"{what} should verify with JWT_PUBLIC_KEY, iss and aud of the app's config: {error}") from None
    assert claims.get("sub") == "lin" and claims.get("token_use") == use, (
        f"{what} should have sub \"lin\" and token_use \"{use}\", got claims {claims}"
    )
    return claims


def exchange(token, why):
    reply = app.post("/api/refresh", json={"refresh_token": token}).expect(
        200, json_subset={"token_type": "Bearer", "expires_in": 60}, why=why
    )
    body = reply.json
    verified(body.get("access_token"), "access", "the access_token of POST /api/refresh")
    return verified(body.get("refresh_token"), "refresh", "the refresh_token of POST /api/refresh"), body


def refused(body, attack):
    app.post("/api/refresh", json=body).expect(401, why=attack)


# Issued by POST /api/token.
started = time.time()
issued = app.post("/api/token", json={"username": "lin", "password": "Spokes&Chains-77"}).expect(200)
ended = time.time()
first = verified(issued.json.get("refresh_token"), "refresh", "the refresh_token of POST /api/token")
assert isinstance(first.get("jti"), str) and first["jti"], f"a refresh token needs a jti string, got claims {first}"
assert started - 5 <= first.get("iat", 0) <= ended + 5 and abs(first.get("exp", 0) - first["iat"] - 7200) < 1, (
    f"with REFRESH_TOKEN_SECONDS 7200 the refresh token should have iat now and exp 7200 s later, got claims {first}"
)
jtis = [first["jti"]]
for attempt in range(9):
    again = app.post("/api/token", json={"username": "lin", "password": "Spokes&Chains-77"}).expect(200)
    jtis.append(verified(again.json.get("refresh_token"), "refresh", "the refresh_token of a further POST /api/token")["jti"])
assert len(set(jtis)) == len(jtis), (
    f"each refresh token needs a new random jti, but ten POST /api/token for lin, sent back to back (several in "
    f"the same second), returned the jtis {jtis}"
)

# Rotation.
original = refresh_token()
renewed, body = exchange(original, "a valid refresh token for lin")
assert isinstance(renewed.get("jti"), str) and renewed["jti"], f"the new refresh token needs a jti, got {renewed}"
refused({"refresh_token": original}, "the same refresh token sent a second time: each one works once")
newer, body = exchange(body["refresh_token"], "the refresh token that the first exchange returned")
original_jti = jwt.decode(original, options={"verify_signature": False})["jti"]
renewed_jtis = [original_jti, renewed.get("jti"), newer.get("jti")]
assert len(set(renewed_jtis)) == 3 and not set(renewed_jtis[1:]) & set(jtis), (
    "POST /api/refresh should return a refresh token with a new random jti each time; a refresh token with jti "
    f"{original_jti!r} and the one it returned were exchanged back to back and returned jtis {renewed_jtis[1:]}, "
    f"while POST /api/token had returned {jtis}"
)
exchange(issued.json["refresh_token"], "the refresh token that POST /api/token returned")
refused({"refresh_token": issued.json["refresh_token"]}, "the refresh token of POST /api/token, sent a second time")

# Everything that is not a fresh, genuine refresh token.
access = jwt.encode({"iss": issuer, "aud": audience, "sub": "lin", "iat": now, "exp": now + 60,
                     "token_use": "access"}, signing_key, algorithm="RS256")
refused({"refresh_token": access}, "an access token (token_use access) sent as a refresh token")
refused({"refresh_token": refresh_token(token_use=None)}, "a token without token_use")
refused({"refresh_token": refresh_token(jti=None)}, "a refresh token without jti")
refused({"refresh_token": refresh_token(exp=now - 60, iat=now - 3660)}, "a refresh token that expired a minute ago")
refused({"refresh_token": refresh_token(exp=None)}, "a refresh token without exp")
refused({"refresh_token": refresh_token(aud="pitstop-admin")}, "a refresh token for another audience")
refused({"refresh_token": refresh_token(iss="https://evil.example")}, "a refresh token from another issuer")
refused({"refresh_token": refresh_token(_key=make_key_pair()[0])}, "a refresh token signed with an attacker's key")
for other_alg in ("PS256", "RS512"):
    refused({"refresh_token": refresh_token(_alg=other_alg)},
            f"a refresh token whose header names {other_alg}, validly signed with it and the app's JWT_PRIVATE_KEY "
            "(only RS256 is accepted)")
refused({"refresh_token": refresh_token(sub="mallory")}, "a refresh token for mallory, who is not in USERS")
refused({"refresh_token": "not-a-jwt"}, "a refresh token that is not a JWT")
for body, what in (({}, "no refresh_token"), ({"refresh_token": 42}, "a refresh_token that is a number"),
                   (["x"], "a JSON list")):
    app.post("/api/refresh", json=body).expect((400, 401), why=f"a body with {what}")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# The tablet team asks for two changes: "make access tokens valid for 30
# days, so the tablets never need the refresh dance", and "let the web
# dashboard use the same bearer tokens, kept in `localStorage`, instead of
# the session cookie". In a few sentences: what does each change cost in
# security, and what would you answer? Then: a mechanic's tablet is stolen
# today. With your design, how do you cut it off, and how fast does that
# take effect?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** A JWT access token is checked by signature and `exp`
# alone, without asking the server's state, so it cannot be revoked before
# it expires: a 30-day access token stolen from a log, a proxy or a tablet
# works for 30 days. Short access tokens (minutes) bound that window, and the
# refresh token, which the server checks against its state at every use
# (rotation, a used-`jti` list, the user still existing), is where revocation
# happens; so the answer is no, keep minutes, and make refreshing invisible
# in the tablets' HTTP client. `localStorage` is readable by any script on
# the page, so one XSS (or a compromised npm dependency) exfiltrates the
# token and uses it from anywhere; an `HttpOnly` cookie cannot be read by
# script, `Secure` keeps it off plain HTTP, and `SameSite` limits cross-site
# sends (cookies bring CSRF back, which SameSite and CSRF tokens handle).
# Keep the session cookie for the browser. For the stolen tablet: revoke its
# refresh token family (keep a denylist of its `jti`s, or better a per-device
# or per-user record of valid refresh tokens, or bump a per-user token
# version checked at refresh) and, if needed, rotate credentials; the
# refresh stops at once, but the access token already on the tablet keeps
# working until its `exp`, at most `ACCESS_TOKEN_SECONDS` (5 minutes), unless
# the API also checks a denylist of access `jti`s or a per-user
# "not before" time on every request, which gives up part of the
# statelessness.
#
# **Rubric (1 point each).**
# 1. Long-lived access tokens: a JWT cannot be revoked before `exp` (stateless
#    verification), so a stolen one works for the whole lifetime; short access
#    tokens plus server-checked refresh tokens are the trade-off. Refuses or
#    strongly qualifies the 30 days.
# 2. `localStorage`: readable by any script, so XSS steals the token, while an
#    `HttpOnly` + `Secure` + `SameSite` cookie is out of script's reach;
#    mentions CSRF as the cookie's own risk and how it is handled (SameSite,
#    CSRF tokens), or keeps the cookie for the browser.
# 3. Stolen tablet: revokes at the refresh step (denylist or allowlist of
#    refresh tokens, per-user/device version) and says the current access
#    token lives on until `exp` (minutes) unless every request checks
#    server-side state.

"""A correct app in two blueprints with MethodView classes: a cookie of its own (pitstop_sid, SameSite=Strict) set with set_cookie instead of Flask's session, sessions in app.extensions, abort(401) turned into JSON by error handlers, datetime claims, and 400 for malformed bodies.

expect: full marks
"""
# %% your_app
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from flask import Blueprint, Flask, abort, current_app, jsonify, request
from flask.views import MethodView
from werkzeug.exceptions import BadRequest, Unauthorized
from werkzeug.security import check_password_hash

COOKIE = "pitstop_sid"


def store():
    return current_app.extensions["pitstop"]


def credentials():
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("username"), str) or not isinstance(data.get("password"), str):
        raise BadRequest("send a JSON object with username and password strings")
    user = current_app.config["USERS"].get(data["username"])
    if user is None or not check_password_hash(user["password_hash"], data["password"]):
        abort(401)
    return data["username"]


def who(username):
    return {"username": username, "name": current_app.config["USERS"][username]["name"]}


def issue(username, kind, lifetime, **extra):
    cfg = current_app.config
    now = datetime.now(timezone.utc).replace(microsecond=0)
    claims = {"iss": cfg["JWT_ISSUER"], "aud": cfg["JWT_AUDIENCE"], "sub": username, "iat": now,
              "exp": now + timedelta(seconds=lifetime), "token_use": kind, **extra}
    return jwt.encode(claims, cfg["JWT_PRIVATE_KEY"], algorithm="RS256")


def verify(token, kind):
    cfg = current_app.config
    try:
        claims = jwt.decode(token, cfg["JWT_PUBLIC_KEY"], algorithms=["RS256"], audience=cfg["JWT_AUDIENCE"],
                            issuer=cfg["JWT_ISSUER"], options={"require": ["exp", "iat", "sub", "token_use"]})
    except jwt.PyJWTError:
        abort(401)
    if claims["token_use"] != kind or claims["sub"] not in cfg["USERS"]:
        abort(401)
    return claims


def pair(username):
    cfg = current_app.config
    return {
        "access_token": issue(username, "access", cfg["ACCESS_TOKEN_SECONDS"]),
        "refresh_token": issue(username, "refresh", cfg["REFRESH_TOKEN_SECONDS"], jti=secrets.token_hex(16)),
        "token_type": "Bearer",
        "expires_in": cfg["ACCESS_TOKEN_SECONDS"],
    }


web = Blueprint("web", __name__)
api = Blueprint("api", __name__, url_prefix="/api")


class Login(MethodView):
    def post(self):
        username = credentials()
        old = request.cookies.get(COOKIE)
        store()["sessions"].pop(old, None)
        sid = secrets.token_urlsafe(32)
        store()["sessions"][sid] = username
        response = jsonify(who(username))
        response.set_cookie(COOKIE, sid, secure=True, httponly=True, samesite="Strict")
        return response


class Me(MethodView):
    def get(self):
        username = store()["sessions"].get(request.cookies.get(COOKIE))
        if username is None or username not in current_app.config["USERS"]:
            abort(401)
        return who(username)


class Logout(MethodView):
    def post(self):
        store()["sessions"].pop(request.cookies.get(COOKIE), None)
        response = current_app.response_class(status=204)
        response.delete_cookie(COOKIE, secure=True, httponly=True, samesite="Strict")
        return response


web.add_url_rule("/login", view_func=Login.as_view("login"))
web.add_url_rule("/me", view_func=Me.as_view("me"))
web.add_url_rule("/logout", view_func=Logout.as_view("logout"))


class Token(MethodView):
    def post(self):
        return pair(credentials())


class ApiMe(MethodView):
    def get(self):
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            abort(401)
        return who(verify(token.strip(), "access")["sub"])


class Refresh(MethodView):
    def post(self):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("refresh_token"), str):
            raise BadRequest("send a JSON object with a refresh_token string")
        claims = verify(data["refresh_token"], "refresh")
        jti = claims.get("jti")
        if not isinstance(jti, str) or jti in store()["used"]:
            abort(401)
        store()["used"].add(jti)
        return pair(claims["sub"])


api.add_url_rule("/token", view_func=Token.as_view("token"))
api.add_url_rule("/me", view_func=ApiMe.as_view("me"))
api.add_url_rule("/refresh", view_func=Refresh.as_view("refresh"))


@api.errorhandler(Unauthorized)
def api_unauthorized(error):
    response = jsonify(error="unauthorized")
    response.status_code = 401
    if request.path == "/api/me":
        response.headers["WWW-Authenticate"] = 'Bearer realm="pitstop"'
    return response


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="dev-only-not-used-by-sessions",
        USERS=SEED_USERS, JWT_PRIVATE_KEY=SEED_PRIVATE_KEY, JWT_PUBLIC_KEY=SEED_PUBLIC_KEY,
        JWT_ISSUER=SEED_ISSUER, JWT_AUDIENCE=SEED_AUDIENCE,
        ACCESS_TOKEN_SECONDS=300, REFRESH_TOKEN_SECONDS=1209600,
    )
    app.config.update(test_config or {})
    app.extensions["pitstop"] = {"sessions": {}, "used": set()}
    app.register_blueprint(web)
    app.register_blueprint(api)

    @app.errorhandler(401)
    def unauthorized(error):
        return jsonify(error="unauthorized"), 401

    @app.errorhandler(400)
    def bad_request(error):
        return jsonify(error=error.description), 400

    return app

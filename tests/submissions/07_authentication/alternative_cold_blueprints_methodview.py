"""Two blueprints of MethodView classes, state in app.extensions, a cookie of its own for the session id, manual Authorization parsing, jwt.decode_complete.

expect: full marks
"""
# %% your_app
import secrets
import time

import jwt
from flask import Blueprint, Flask, current_app, jsonify, request, session
from flask.views import MethodView
from werkzeug.security import check_password_hash, generate_password_hash

SESSION_COOKIE = "pitstop_sid"


class AuthState:
    """Server-side state owned by one app: live sessions and spent refresh-token ids."""

    def __init__(self):
        self.sessions = {}
        self.spent = set()

    def start(self, username):
        sid = secrets.token_urlsafe(32)
        self.sessions[sid] = username
        return sid

    def end(self, sid):
        if sid:
            self.sessions.pop(sid, None)


def state():
    return current_app.extensions["pitstop_auth"]


def error(message, status, **headers):
    response = jsonify({"error": message})
    response.status_code = status
    response.headers.update(headers)
    return response


def check_credentials(body):
    if not isinstance(body, dict):
        return None, error("expected a JSON object", 400)
    username, password = body.get("username"), body.get("password")
    if not (isinstance(username, str) and isinstance(password, str)):
        return None, error("username and password must be strings", 400)
    users = current_app.config["USERS"]
    # same answer for an unknown user and a wrong password
    if username in users and check_password_hash(users[username]["password_hash"], password):
        return username, None
    return None, error("invalid credentials", 401)


def profile(username):
    return {"username": username, "name": current_app.config["USERS"][username]["name"]}


def make_token(username, use, lifetime_setting, **extra):
    cfg = current_app.config
    issued = int(time.time())
    claims = {
        "iss": cfg["JWT_ISSUER"],
        "aud": cfg["JWT_AUDIENCE"],
        "sub": username,
        "iat": issued,
        "exp": issued + int(cfg[lifetime_setting]),
        "token_use": use,
        **extra,
    }
    return jwt.encode(claims, cfg["JWT_PRIVATE_KEY"], algorithm="RS256")


def token_pair(username):
    return {
        "access_token": make_token(username, "access", "ACCESS_TOKEN_SECONDS"),
        "token_type": "Bearer",
        "expires_in": int(current_app.config["ACCESS_TOKEN_SECONDS"]),
        "refresh_token": make_token(username, "refresh", "REFRESH_TOKEN_SECONDS",
                                    jti=secrets.token_hex(16)),
    }


class InvalidToken(Exception):
    pass


def verify(token, use):
    cfg = current_app.config
    needed = ["iss", "aud", "sub", "iat", "exp"]
    if use == "refresh":
        needed.append("jti")
    try:
        decoded = jwt.decode_complete(
            token, key=cfg["JWT_PUBLIC_KEY"], algorithms=["RS256"],
            audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"],
            options={"require": needed, "verify_signature": True},
        )
    except (jwt.PyJWTError, ValueError, TypeError) as exc:
        raise InvalidToken(str(exc)) from None
    if decoded["header"].get("alg") != "RS256":
        raise InvalidToken("wrong algorithm")
    claims = decoded["payload"]
    if claims.get("token_use") != use:
        raise InvalidToken("wrong token_use")
    sub = claims.get("sub")
    if not isinstance(sub, str) or sub not in cfg["USERS"]:
        raise InvalidToken("unknown subject")
    if use == "refresh" and not (isinstance(claims.get("jti"), str) and claims["jti"]):
        raise InvalidToken("missing jti")
    return claims


# --- browser dashboard --------------------------------------------------------
web = Blueprint("web", __name__)


class LoginView(MethodView):
    def post(self):
        username, failure = check_credentials(request.get_json(silent=True))
        if failure is not None:
            return failure
        state().end(request.cookies.get(SESSION_COOKIE))
        sid = state().start(username)
        response = jsonify(profile(username))
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, secure=True, samesite="Strict")
        return response


class MeView(MethodView):
    def get(self):
        username = state().sessions.get(request.cookies.get(SESSION_COOKIE, ""))
        if username is None or username not in current_app.config["USERS"]:
            return error("not logged in", 401)
        return jsonify(profile(username))


class LogoutView(MethodView):
    def post(self):
        state().end(request.cookies.get(SESSION_COOKIE))
        response = current_app.response_class(status=204)
        response.delete_cookie(SESSION_COOKIE, httponly=True, secure=True, samesite="Strict")
        return response


web.add_url_rule("/login", view_func=LoginView.as_view("login"))
web.add_url_rule("/me", view_func=MeView.as_view("me"))
web.add_url_rule("/logout", view_func=LogoutView.as_view("logout"))


# --- tablet API ---------------------------------------------------------------
api = Blueprint("api", __name__, url_prefix="/api")


class TokenView(MethodView):
    def post(self):
        username, failure = check_credentials(request.get_json(silent=True))
        if failure is not None:
            return failure
        return jsonify(token_pair(username))


class ApiMeView(MethodView):
    def get(self):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.strip().partition(" ")
        challenge = {"WWW-Authenticate": 'Bearer realm="pitstop-api"'}
        if scheme.lower() != "bearer" or not token.strip():
            return error("bearer token required", 401, **challenge)
        try:
            claims = verify(token.strip(), "access")
        except InvalidToken:
            return error("invalid token", 401,
                         **{"WWW-Authenticate": 'Bearer realm="pitstop-api", error="invalid_token"'})
        return jsonify(profile(claims["sub"]))


class RefreshView(MethodView):
    def post(self):
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("refresh_token"), str):
            return error("refresh_token required", 400)
        try:
            claims = verify(body["refresh_token"], "refresh")
        except InvalidToken:
            return error("invalid refresh token", 401)
        if claims["jti"] in state().spent:
            return error("refresh token already used", 401)
        state().spent.add(claims["jti"])
        return jsonify(token_pair(claims["sub"]))


api.add_url_rule("/token", view_func=TokenView.as_view("token"))
api.add_url_rule("/me", view_func=ApiMeView.as_view("me"))
api.add_url_rule("/refresh", view_func=RefreshView.as_view("refresh"))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY="pitstop-" + secrets.token_urlsafe(24),
        USERS=SEED_USERS,
        JWT_PRIVATE_KEY=SEED_PRIVATE_KEY,
        JWT_PUBLIC_KEY=SEED_PUBLIC_KEY,
        JWT_ISSUER=SEED_ISSUER,
        JWT_AUDIENCE=SEED_AUDIENCE,
        ACCESS_TOKEN_SECONDS=300,
        REFRESH_TOKEN_SECONDS=1209600,
    )
    if test_config:
        app.config.update(test_config)
    app.extensions["pitstop_auth"] = AuthState()
    app.register_blueprint(web)
    app.register_blueprint(api)
    return app

"""A correct app with decorators (login_required, bearer_required) and a per-user session version instead of a session store: the signed cookie holds the user and a version, login and logout bump the version on the server, so logout ends every session of the user. Integer claims made by hand, Authorization split by hand, used jti kept with their expiry.

expect: full marks
"""
# %% your_app
import functools
import secrets
import time

import jwt
from flask import Flask, g, jsonify, request, session
from werkzeug.security import check_password_hash


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY=secrets.token_bytes(32),
        USERS=SEED_USERS,
        JWT_PRIVATE_KEY=SEED_PRIVATE_KEY,
        JWT_PUBLIC_KEY=SEED_PUBLIC_KEY,
        JWT_ISSUER=SEED_ISSUER,
        JWT_AUDIENCE=SEED_AUDIENCE,
        ACCESS_TOKEN_SECONDS=300,
        REFRESH_TOKEN_SECONDS=1209600,
    )
    if test_config:
        app.config.from_mapping(test_config)
    app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")
    users = app.config["USERS"]
    versions = {}  # username -> current session version; older cookies are dead
    spent = {}  # jti -> exp of every refresh token already exchanged

    def denied(message, bearer=False):
        response = jsonify({"error": message})
        response.status_code = 401
        if bearer:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    def checked_login():
        body = request.get_json(silent=True) or {}
        name = body.get("username") if isinstance(body, dict) else None
        password = body.get("password") if isinstance(body, dict) else None
        if not (isinstance(name, str) and isinstance(password, str)):
            return None
        record = users.get(name)
        return name if record and check_password_hash(record["password_hash"], password) else None

    def end_session():
        previous = session.get("user")
        if previous is not None and session.get("ver") == versions.get(previous, 0):
            versions[previous] = versions.get(previous, 0) + 1
        session.clear()

    def login_required(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            user = session.get("user")
            if user not in users or session.get("ver") != versions.get(user, 0):
                return denied("login required")
            g.user = user
            return view(*args, **kwargs)
        return wrapper

    def decode(token, use):
        try:
            claims = jwt.decode(
                token, app.config["JWT_PUBLIC_KEY"], algorithms=["RS256"],
                audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"],
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
        except jwt.PyJWTError:
            return None
        return claims if claims.get("token_use") == use and claims.get("sub") in users else None

    def bearer_required(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
            claims = decode(token.strip(), "access") if scheme.lower() == "bearer" and token.strip() else None
            if claims is None:
                return denied("a valid bearer token is required", bearer=True)
            g.user = claims["sub"]
            return view(*args, **kwargs)
        return wrapper

    def sign(user, use, seconds, **more):
        issued = int(time.time())
        claims = dict(iss=app.config["JWT_ISSUER"], aud=app.config["JWT_AUDIENCE"], sub=user, iat=issued,
                      exp=issued + seconds, token_use=use, **more)
        return jwt.encode(claims, app.config["JWT_PRIVATE_KEY"], algorithm="RS256")

    def tokens(user):
        seconds = app.config["ACCESS_TOKEN_SECONDS"]
        return jsonify(access_token=sign(user, "access", seconds), token_type="Bearer", expires_in=seconds,
                       refresh_token=sign(user, "refresh", app.config["REFRESH_TOKEN_SECONDS"], jti=secrets.token_hex(12)))

    def profile(user):
        return jsonify(username=user, name=users[user]["name"])

    @app.route("/login", methods=["POST"])
    def login():
        user = checked_login()
        if user is None:
            return denied("wrong username or password")
        end_session()
        session["user"], session["ver"] = user, versions.setdefault(user, 0)
        return profile(user)

    @app.route("/me")
    @login_required
    def me():
        return profile(g.user)

    @app.route("/logout", methods=["POST"])
    def logout():
        end_session()
        return "", 204

    @app.route("/api/token", methods=["POST"])
    def token():
        user = checked_login()
        return denied("wrong username or password") if user is None else tokens(user)

    @app.route("/api/me")
    @bearer_required
    def api_me():
        return profile(g.user)

    @app.route("/api/refresh", methods=["POST"])
    def refresh():
        body = request.get_json(silent=True)
        if not isinstance(body, dict) or not isinstance(body.get("refresh_token"), str):
            return denied("refresh_token missing")
        claims = decode(body["refresh_token"], "refresh")
        now = time.time()
        for jti in [j for j, exp in spent.items() if exp < now]:
            del spent[jti]  # expired tokens are refused anyway
        if claims is None or not claims.get("jti") or claims["jti"] in spent:
            return denied("invalid refresh token")
        spent[claims["jti"]] = claims["exp"]
        return tokens(claims["sub"])

    return app

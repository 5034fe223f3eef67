"""takes the algorithm list from the token's own header (jwt.get_unverified_header) instead of pinning RS256; breaks "A token that names another algorithm in its header is refused, whatever its signature".

expect: task4_hidden, task5_hidden
"""
# %% your_app
import secrets
import time

import jwt
from flask import Flask, current_app, jsonify, request, session
from werkzeug.security import check_password_hash, generate_password_hash


def _credentials():
    """Return (username, password) from the JSON body, or None when malformed."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return None
    username, password = data.get("username"), data.get("password")
    if not isinstance(username, str) or not isinstance(password, str):
        return None
    return username, password


def _authenticate():
    """Return the username when the body holds valid credentials, else None."""
    creds = _credentials()
    if creds is None:
        return None
    username, password = creds
    user = current_app.config["USERS"].get(username)
    if user is None or not check_password_hash(user["password_hash"], password):
        return None
    return username


def _bad_login():
    return jsonify(error="invalid username or password"), 401


def _issue_tokens(username):
    cfg = current_app.config
    now = int(time.time())
    base = {"iss": cfg["JWT_ISSUER"], "aud": cfg["JWT_AUDIENCE"], "sub": username, "iat": now}
    access = jwt.encode({**base, "exp": now + cfg["ACCESS_TOKEN_SECONDS"], "token_use": "access"},
                        cfg["JWT_PRIVATE_KEY"], algorithm="RS256")
    refresh = jwt.encode({**base, "exp": now + cfg["REFRESH_TOKEN_SECONDS"], "token_use": "refresh",
                          "jti": secrets.token_urlsafe(16)},
                         cfg["JWT_PRIVATE_KEY"], algorithm="RS256")
    return jsonify(access_token=access, token_type="Bearer",
                   expires_in=int(cfg["ACCESS_TOKEN_SECONDS"]), refresh_token=refresh)


def _verify(token, token_use):
    """Return the claims of a valid token of the given use, or None."""
    cfg = current_app.config
    required = ["exp", "iat", "sub", "iss", "aud"] + (["jti"] if token_use == "refresh" else [])
    try:
        alg = jwt.get_unverified_header(token).get("alg", "RS256")
        claims = jwt.decode(token, cfg["JWT_PUBLIC_KEY"], algorithms=[alg],
                            audience=cfg["JWT_AUDIENCE"], issuer=cfg["JWT_ISSUER"],
                            options={"require": required})
    except jwt.PyJWTError:
        return None
    if claims.get("token_use") != token_use:
        return None
    if not isinstance(claims.get("sub"), str) or claims["sub"] not in cfg["USERS"]:
        return None
    if token_use == "refresh" and not isinstance(claims.get("jti"), str):
        return None
    return claims


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
        REFRESH_TOKEN_SECONDS=1209600,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    if test_config is not None:
        app.config.update(test_config)

    sessions = {}   # session id -> username
    used_jtis = set()

    def current_user():
        sid = session.get("sid")
        if not isinstance(sid, str):
            return None
        return sessions.get(sid)

    @app.post("/login")
    def login():
        username = _authenticate()
        if username is None:
            return _bad_login()
        old = session.get("sid")
        if isinstance(old, str):
            sessions.pop(old, None)
        session.clear()
        sid = secrets.token_urlsafe(32)
        sessions[sid] = username
        session["sid"] = sid
        user = app.config["USERS"][username]
        return jsonify(username=username, name=user["name"])

    @app.get("/me")
    def me():
        username = current_user()
        if username is None or username not in app.config["USERS"]:
            return jsonify(error="not logged in"), 401
        return jsonify(username=username, name=app.config["USERS"][username]["name"])

    @app.post("/logout")
    def logout():
        sid = session.get("sid")
        if isinstance(sid, str):
            sessions.pop(sid, None)
        session.clear()
        return "", 204

    @app.post("/api/token")
    def api_token():
        username = _authenticate()
        if username is None:
            return _bad_login()
        return _issue_tokens(username)

    @app.get("/api/me")
    def api_me():
        def refuse():
            response = jsonify(error="invalid or missing bearer token")
            response.status_code = 401
            response.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response

        auth = request.authorization
        if auth is None or auth.type != "bearer" or not auth.token:
            return refuse()
        claims = _verify(auth.token, "access")
        if claims is None:
            return refuse()
        username = claims["sub"]
        return jsonify(username=username, name=app.config["USERS"][username]["name"])

    @app.post("/api/refresh")
    def api_refresh():
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("refresh_token"), str):
            return jsonify(error="refresh_token required"), 400
        claims = _verify(data["refresh_token"], "refresh")
        if claims is None or claims["jti"] in used_jtis:
            return jsonify(error="invalid refresh token"), 401
        used_jtis.add(claims["jti"])
        return _issue_tokens(claims["sub"])

    return app

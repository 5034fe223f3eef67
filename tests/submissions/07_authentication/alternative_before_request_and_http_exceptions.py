"""A correct app that authenticates in before_request hooks into g, raises werkzeug's Unauthorized with a WWWAuthenticate object and renders every HTTPException as JSON, keeps only SHA-256 digests of session ids on the server, uses SameSite=Strict, a PyJWT instance with default options, and answers 400 to malformed bodies.

expect: full marks
"""
# %% your_app
import hashlib
import secrets
import time

import jwt
from flask import Flask, g, jsonify, request, session
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import BadRequest, HTTPException, Unauthorized
from werkzeug.security import check_password_hash

STRICT_JWT = jwt.PyJWT(options={"require": ["exp", "iat", "sub", "aud", "iss", "token_use"]})


def digest(sid):
    return hashlib.sha256(sid.encode()).hexdigest()


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(
        SECRET_KEY="change-me-in-production-" + secrets.token_hex(8),
        SESSION_COOKIE_SAMESITE="Strict",
        SESSION_COOKIE_SECURE=True,
        USERS=SEED_USERS,
        JWT_PRIVATE_KEY=SEED_PRIVATE_KEY,
        JWT_PUBLIC_KEY=SEED_PUBLIC_KEY,
        JWT_ISSUER=SEED_ISSUER,
        JWT_AUDIENCE=SEED_AUDIENCE,
        ACCESS_TOKEN_SECONDS=300,
        REFRESH_TOKEN_SECONDS=1209600,
    )
    app.config.from_mapping(test_config or {})
    live = {}  # sha256(session id) -> username
    redeemed = set()

    def bearer_error():
        return Unauthorized(www_authenticate=WWWAuthenticate("bearer", {"error": "invalid_token"}))

    def json_body(*fields):
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
            raise BadRequest(f"expected a JSON object with string fields {', '.join(fields)}")
        return data

    def authenticate():
        data = json_body("username", "password")
        record = app.config["USERS"].get(data["username"])
        if not record or not check_password_hash(record["password_hash"], data["password"]):
            raise Unauthorized("invalid credentials")
        return data["username"]

    def claims_of(token, use):
        try:
            claims = STRICT_JWT.decode(token, app.config["JWT_PUBLIC_KEY"], algorithms=["RS256"],
                                       audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"])
        except jwt.PyJWTError:
            return None
        if claims["token_use"] != use or claims["sub"] not in app.config["USERS"]:
            return None
        return claims

    def signed(sub, use, seconds, **extra):
        t = int(time.time())
        payload = {"iss": app.config["JWT_ISSUER"], "aud": app.config["JWT_AUDIENCE"], "sub": sub,
                   "iat": t, "exp": t + seconds, "token_use": use}
        payload.update(extra)
        return jwt.encode(payload, app.config["JWT_PRIVATE_KEY"], algorithm="RS256")

    def new_pair(sub):
        return {"token_type": "Bearer", "expires_in": app.config["ACCESS_TOKEN_SECONDS"],
                "access_token": signed(sub, "access", app.config["ACCESS_TOKEN_SECONDS"]),
                "refresh_token": signed(sub, "refresh", app.config["REFRESH_TOKEN_SECONDS"],
                                        jti=secrets.token_urlsafe(18))}

    @app.before_request
    def who_is_it():
        g.user = None
        if request.path.startswith("/api/"):
            if request.endpoint == "api_me":
                auth = request.authorization
                claims = claims_of(auth.token, "access") if auth and auth.type == "bearer" and auth.token else None
                if claims is None:
                    raise bearer_error()
                g.user = claims["sub"]
        else:
            sid = session.get("id")
            user = live.get(digest(sid)) if isinstance(sid, str) else None
            g.user = user if user in app.config["USERS"] else None

    @app.errorhandler(HTTPException)
    def as_json(error):
        response = jsonify(error=error.description)
        response.status_code = error.code
        for name, value in error.get_headers():
            if name.lower() != "content-type":
                response.headers[name] = value
        return response

    def profile(user):
        return {"username": user, "name": app.config["USERS"][user]["name"]}

    @app.post("/login")
    def login():
        user = authenticate()
        sid = session.pop("id", None)
        if isinstance(sid, str):
            live.pop(digest(sid), None)
        session.clear()
        sid = secrets.token_urlsafe(32)
        live[digest(sid)] = user
        session["id"] = sid
        return profile(user)

    @app.get("/me")
    def me():
        if g.user is None:
            raise Unauthorized("log in first")
        return profile(g.user)

    @app.post("/logout")
    def logout():
        sid = session.get("id")
        if isinstance(sid, str):
            live.pop(digest(sid), None)
        session.clear()
        return app.response_class(status=204)

    @app.post("/api/token")
    def token():
        return new_pair(authenticate())

    @app.get("/api/me")
    def api_me():
        return profile(g.user)

    @app.post("/api/refresh")
    def refresh():
        claims = claims_of(json_body("refresh_token")["refresh_token"], "refresh")
        if claims is None or not isinstance(claims.get("jti"), str) or claims["jti"] in redeemed:
            raise Unauthorized("invalid refresh token")
        redeemed.add(claims["jti"])
        return new_pair(claims["sub"])

    return app

"""Takes the algorithm from the token's own header (algorithms=[header["alg"]]) and catches only jwt.InvalidTokenError: alg none and the HS256 key-confusion token make PyJWT raise InvalidKeyError, which escapes as a server error.

expect: task4_hidden
"""
# %% your_app
# -         auth = request.authorization  # parses the scheme case-insensitively
# -         claims = read_token(auth.token, ACCESS) if auth is not None and auth.type == "bearer" and auth.token else None
# +         auth = request.authorization
# +         claims = None
# +         if auth is not None and auth.type == "bearer" and auth.token:
# +             try:
# +                 alg = jwt.get_unverified_header(auth.token)["alg"]
# +                 claims = jwt.decode(auth.token, app.config["JWT_PUBLIC_KEY"], algorithms=[alg],
# +                                     audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"],
# +                                     options={"require": ["exp", "iat", "sub"]})
# +             except (jwt.InvalidTokenError, KeyError):
# +                 claims = None
# +         if claims is not None and (claims.get("token_use") != "access" or claims["sub"] not in app.config["USERS"]):
# +             claims = None

"""Checks the audience but passes no issuer to jwt.decode, so tokens from any issuer that shares the key are accepted, and a token without iss too.

expect: task4_hidden_2
"""
# %% your_app
# -         auth = request.authorization  # parses the scheme case-insensitively
# -         claims = read_token(auth.token, ACCESS) if auth is not None and auth.type == "bearer" and auth.token else None
# +         auth = request.authorization
# +         claims = None
# +         if auth is not None and auth.type == "bearer" and auth.token:
# +             try:
# +                 claims = jwt.decode(auth.token, app.config["JWT_PUBLIC_KEY"], algorithms=["RS256"],
# +                                     audience=app.config["JWT_AUDIENCE"], options={"require": ["exp", "iat", "sub"]})
# +             except jwt.PyJWTError:
# +                 claims = None
# +         if claims is not None and (claims.get("token_use") != "access" or claims["sub"] not in app.config["USERS"]):
# +             claims = None

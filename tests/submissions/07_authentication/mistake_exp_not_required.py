"""Verifies signature, audience and issuer but does not require exp: PyJWT checks exp only when it is present, so a token without exp never expires.

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
# +                                     audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"])
# +             except jwt.PyJWTError:
# +                 claims = None
# +         if claims is not None and (claims.get("token_use") != "access" or claims.get("sub") not in app.config["USERS"]):
# +             claims = None

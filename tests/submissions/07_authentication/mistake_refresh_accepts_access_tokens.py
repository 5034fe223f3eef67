"""Verifies the refresh token's signature, audience and issuer in /api/refresh but not token_use or jti, so a five-minute access token can be exchanged for a new pair forever.

expect: task5_hidden
"""
# %% your_app
# -         claims = read_token(token, REFRESH) if isinstance(token, str) else None
# -         if claims is None or not isinstance(claims.get("jti"), str) or claims["jti"] in used_refresh:
# -             return error("invalid refresh token")
# -         used_refresh.add(claims["jti"])  # rotation: each refresh token works once
# +         try:
# +             claims = jwt.decode(token, app.config["JWT_PUBLIC_KEY"], algorithms=["RS256"],
# +                                 audience=app.config["JWT_AUDIENCE"], issuer=app.config["JWT_ISSUER"],
# +                                 options={"require": ["exp", "sub"]})
# +         except (jwt.PyJWTError, TypeError):
# +             claims = None
# +         if claims is None or claims["sub"] not in app.config["USERS"] or claims.get("jti") in used_refresh:
# +             return error("invalid refresh token")
# +         used_refresh.add(claims.get("jti"))

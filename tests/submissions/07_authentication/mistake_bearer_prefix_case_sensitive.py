"""Reads the token with header.startswith("Bearer "), so a valid token sent as "bearer ..." or "BEARER ..." is refused (authentication schemes are case-insensitive).

expect: task4_hidden_2
"""
# %% your_app
# -         auth = request.authorization  # parses the scheme case-insensitively
# -         claims = read_token(auth.token, ACCESS) if auth is not None and auth.type == "bearer" and auth.token else None
# +         header = request.headers.get("Authorization", "")
# +         claims = read_token(header[len("Bearer "):], ACCESS) if header.startswith("Bearer ") else None

"""takes the algorithm list from the token's own header (jwt.get_unverified_header) instead of pinning RS256; breaks "A token that names another algorithm in its header is refused, whatever its signature".

expect: task4_hidden, task5_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         claims = jwt.decode(token, cfg["JWT_PUBLIC_KEY"], algorithms=["RS256"],
# +         alg = jwt.get_unverified_header(token).get("alg", "RS256")
# +         claims = jwt.decode(token, cfg["JWT_PUBLIC_KEY"], algorithms=[alg],

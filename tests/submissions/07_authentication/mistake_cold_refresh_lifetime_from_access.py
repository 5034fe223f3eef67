"""the refresh token's exp uses ACCESS_TOKEN_SECONDS (copy-paste), so it dies after 5 minutes; breaks "exp = iat + REFRESH_TOKEN_SECONDS".

expect: task5_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     refresh = jwt.encode({**base, "exp": now + cfg["REFRESH_TOKEN_SECONDS"], "token_use": "refresh",
# +     refresh = jwt.encode({**base, "exp": now + cfg["ACCESS_TOKEN_SECONDS"], "token_use": "refresh",

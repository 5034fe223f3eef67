"""access token lifetime and expires_in hard-coded to 300 instead of the ACCESS_TOKEN_SECONDS setting; breaks "expires_in (the setting ACCESS_TOKEN_SECONDS)" and "exp = iat + ACCESS_TOKEN_SECONDS" (the app must honour test_config).

expect: task3_hidden, task5_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -     access = jwt.encode({**base, "exp": now + cfg["ACCESS_TOKEN_SECONDS"], "token_use": "access"},
# +     access = jwt.encode({**base, "exp": now + 300, "token_use": "access"},

# -                    expires_in=int(cfg["ACCESS_TOKEN_SECONDS"]), refresh_token=refresh)
# +                    expires_in=300, refresh_token=refresh)

"""the refresh token's jti is f"{sub}-{iat}" rather than a new random string, so two refresh tokens issued in the same second share a jti and the new one is refused as reused; breaks "jti, a new random string for each token" and "The new refresh token works (once)".

expect: task5_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -                           "jti": secrets.token_urlsafe(16)},
# +                           "jti": f"{username}-{now}"},

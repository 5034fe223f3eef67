"""Puts the sailings limit in default_limits, which also counts (and refuses) OPTIONS preflights.

expect: task4_hidden
"""
# %% your_app
# -         headers_enabled=True,  # Retry-After on the 429
# +         headers_enabled=True,  # Retry-After on the 429
# +         default_limits=[app.config["SAILINGS_RATE_LIMIT"]],
# -     @limiter.limit(app.config["SAILINGS_RATE_LIMIT"])
# +

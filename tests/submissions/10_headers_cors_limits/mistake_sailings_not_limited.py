"""Limits only the bookings: GET /sailings has no limit at all.

expect: task4_hidden
"""
# %% your_app
# -     @limiter.limit(app.config["SAILINGS_RATE_LIMIT"])
# +

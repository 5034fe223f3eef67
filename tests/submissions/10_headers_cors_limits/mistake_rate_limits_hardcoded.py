"""Writes the limits as literals instead of reading BOOKING_RATE_LIMIT and SAILINGS_RATE_LIMIT.

expect: task4_hidden
"""
# %% your_app
# -     @limiter.limit(app.config["SAILINGS_RATE_LIMIT"])
# +     @limiter.limit("30 per minute")
# -     @limiter.limit(app.config["BOOKING_RATE_LIMIT"])
# +     @limiter.limit("5 per minute")

"""Limits correctly but leaves Flask-Limiter's headers off, so the 429 has no Retry-After.

expect: task4_visible
"""
# %% your_app
# -         headers_enabled=True,  # Retry-After on the 429
# +

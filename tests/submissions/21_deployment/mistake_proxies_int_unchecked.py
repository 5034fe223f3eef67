"""Converts QUAYSIDE_TRUSTED_PROXIES with int(): "-1" is accepted and "abc" raises a ValueError that names no variable.

expect: task1_hidden
"""
# %% your_app
# -     proxies = setting("TRUSTED_PROXIES", "1")
# -     if not proxies.isascii() or not proxies.isdigit():
# -         raise RuntimeError(f"{PREFIX}TRUSTED_PROXIES must be a whole number of 0 or more, got {proxies!r}")
# +     proxies = int(setting("TRUSTED_PROXIES", "1"))

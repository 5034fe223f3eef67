"""Leaves SESSION_COOKIE_SAMESITE at Flask's default (None), so the cookie has no SameSite attribute and goes along with cross-site requests.

expect: task2_hidden
"""
# %% your_app
# -         SESSION_COOKIE_SAMESITE="Lax",
# +         SESSION_COOKIE_SAMESITE=None,

"""Sets HttpOnly and SameSite but not Secure ("we are behind HTTPS anyway"), so the session cookie also travels over plain HTTP.

expect: task2_hidden
"""
# %% your_app
# -         SESSION_COOKIE_SECURE=True,
# +         SESSION_COOKIE_SECURE=False,

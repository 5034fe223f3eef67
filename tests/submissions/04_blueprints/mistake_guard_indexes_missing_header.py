"""Reads the token with request.headers["X-Admin-Token"], so a request
without the header fails with a KeyError (400 Bad Request outside tests)
instead of 401, in the admin area and in the nested report alike.

expect: task3_visible
"""
# %% your_app
# -         sent = request.headers.get("X-Admin-Token", "")
# +         sent = request.headers["X-Admin-Token"]

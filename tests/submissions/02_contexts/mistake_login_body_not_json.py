"""Reads the login body with request.get_json() without silent=True, so a
body that is not JSON (none, a form, plain text, malformed JSON) gets Flask's
HTML 415 or 400 page instead of a JSON error.

expect: task3_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)
# +         data = request.get_json()

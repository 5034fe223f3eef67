"""Adds the exception's description to every error body and refuses another user's claim with
abort(404, description="This claim belongs to another user."): a missing id's 404 carries
Werkzeug's default description instead, so the two 404s differ.

expect: task4_hidden, task4_hidden_2
"""
# %% your_app
# -     response = jsonify(error=ERRORS[error.code])
# +     response = jsonify(error=ERRORS[error.code], detail=error.description)
# -         if expense is None or not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# -             refuse(404)
# +         if expense is None:
# +             refuse(404)
# +         if not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# +             log_decision(False)
# +             abort(404, description="This claim belongs to another user.")

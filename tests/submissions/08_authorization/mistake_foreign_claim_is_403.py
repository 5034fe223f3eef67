"""Answers another user's claim with 403 and a missing id with 404, so guessing ids tells which
claims exist.

expect: task4_hidden, task4_hidden_2
"""
# %% your_app
# -         if expense is None or not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# -             refuse(404)
# +         if expense is None:
# +             refuse(404)
# +         if not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# +             refuse(403)

"""Logs decisions only in the decorator: the owner check's 404 is not logged, so a request for
another user's claim shows only an allowed record.

expect: task5_hidden
"""
# %% your_app
# -         if expense is None or not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# -             refuse(404)
# -         log_decision(True)
# -         return expense
# +         if expense is None or not (expense["owner"] == g.identity.user or g.identity.roles & readers):
# +             abort(404)
# +         return expense

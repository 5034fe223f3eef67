"""Filters by whatever status is sent, so status=refunded answers an empty 200 instead of 400.

expect: task3_hidden
"""
# %% your_app
# -     if status is not None and status not in STATUSES:
# -         abort(400, description=f"status must be one of {sorted(STATUSES)}")
# +     status = status or None

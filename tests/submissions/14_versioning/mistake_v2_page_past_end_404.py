"""Answers 404 for a page past the end instead of a 200 with no items.

expect: task2_hidden
"""
# %% your_app
# -         items = [v2_parcel(p) for p in parcels[start:start + per_page]]
# +         items = [v2_parcel(p) for p in parcels[start:start + per_page]]
# +         if not items:
# +             abort(404)

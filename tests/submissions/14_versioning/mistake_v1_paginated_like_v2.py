"""Reuses v2's paging in v1's list, so v1 shows only the first ten parcels and obeys ?page.

expect: task1_hidden
"""
# %% your_app
# -         return jsonify([v1_parcel(p) for p in all_parcels()])
# +         page = page_argument("page", 1, maximum=10**9)
# +         per_page = page_argument("per_page", 10, maximum=50)
# +         start = (page - 1) * per_page
# +         return jsonify([v1_parcel(p) for p in all_parcels()[start:start + per_page]])

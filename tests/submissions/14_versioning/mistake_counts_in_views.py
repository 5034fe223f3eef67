"""Counts requests inside the views, so the router's 404 and 405 under /v1/ and /v2/ are never counted.

expect: task4_hidden
"""
# %% your_app
# -         # Frozen: every parcel, no envelope, query parameters ignored.
# +         counts["v1"] += 1
# -         return v1_parcel(find_parcel(parcel_id))
# +         counts["v1"] += 1
# +         return v1_parcel(find_parcel(parcel_id))
# -         page = page_argument("page", 1, maximum=10**9)
# +         counts["v2"] += 1
# +         page = page_argument("page", 1, maximum=10**9)
# -         return v2_parcel(find_parcel(parcel_id))
# +         counts["v2"] += 1
# +         return v2_parcel(find_parcel(parcel_id))
# -         version = version_of(request.path)
# -         if version is not None:
# -             counts[version] += 1
# +         pass

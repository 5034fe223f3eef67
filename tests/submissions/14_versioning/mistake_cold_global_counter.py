"""Keeps the counts in a module-level dict that create_app resets to zero, so two apps alive at
the same time share one counter: requests to one app show in the other's /metrics. Breaks task 4:
"Count requests per version, per app (a new app starts at zero)".

expect: task4_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -
# - NOT_FOUND = ({"error": "parcel not found"}, 404)
# +
# + REQUEST_COUNTS = {"v1": 0, "v2": 0}
# +
# + NOT_FOUND = ({"error": "parcel not found"}, 404)

# -     counts = {"v1": 0, "v2": 0}
# +     counts = REQUEST_COUNTS
# +     counts.update(v1=0, v2=0)

"""Takes the owner and status of a new claim from the body when it has them (mass assignment):
a caller can file a claim in someone else's name, already approved.

expect: task2_hidden
"""
# %% your_app
# -             "owner": g.identity.user,
# +             "owner": data.get("owner", g.identity.user),
# -             "status": "submitted",
# +             "status": data.get("status", "submitted"),

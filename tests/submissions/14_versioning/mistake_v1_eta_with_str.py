"""Writes v1's eta with str(), so a parcel without a date shows "None" instead of null.

expect: task1_hidden
"""
# %% your_app
# -     eta = parcel["eta"]
# -     return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
# -             "eta": eta.isoformat() if eta is not None else None}
# +     return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
# +             "eta": str(parcel["eta"])}

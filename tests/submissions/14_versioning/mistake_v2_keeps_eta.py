"""Adds estimated_delivery to v2 but keeps eta as well, instead of renaming it.

expect: task2_visible, task2_hidden
"""
# %% your_app
# -     eta = parcel["eta"]
# -     return {"id": parcel["id"], "recipient": parcel["recipient"], "status": parcel["status"],
# -             "estimated_delivery": eta.isoformat() if eta is not None else None}
# +     shown = v1_parcel(parcel)
# +     return {**shown, "estimated_delivery": shown["eta"]}

"""v1_parcel copies the stored record and drops only carrier_ref, so any other member the
database holds (such as warehouse) leaks into v1. Breaks task 1: "exactly the members id,
recipient, status and eta" / "no member more, none missing".

expect: task1_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -     eta = parcel.get("eta")
# -     return {
# -         "id": parcel["id"],
# -         "recipient": parcel["recipient"],
# -         "status": parcel["status"],
# -         "eta": eta.isoformat() if eta is not None else None,
# -     }
# +     shown = {k: v for k, v in parcel.items() if k != "carrier_ref"}
# +     if shown.get("eta") is not None:
# +         shown["eta"] = shown["eta"].isoformat()
# +     return shown

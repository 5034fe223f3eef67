"""Looks a parcel up by position (PARCELS[id - 1]) instead of by its id. Breaks task 1:
"GET /v1/parcels/<id> answers 200 with that parcel, or 404" (ids need not be 1..n).

expect: task1_hidden, task2_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -     for parcel in current_app.config["PARCELS"]:
# -         if str(parcel["id"]) == parcel_id:
# -             return parcel
# +     parcels = current_app.config["PARCELS"]
# +     if parcel_id.isdigit() and 1 <= int(parcel_id) <= len(parcels):
# +         return parcels[int(parcel_id) - 1]

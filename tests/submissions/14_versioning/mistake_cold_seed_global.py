"""The views read the SEED_PARCELS constant instead of the app's PARCELS config. Breaks
task 1: "with the defaults PARCELS = SEED_PARCELS ..., then applies test_config".

expect: task1_hidden, task2_hidden
base: alternative_cold_blueprints_hooks
"""
# %% your_app
# -     return list(current_app.config["PARCELS"])
# +     return list(SEED_PARCELS)

# -     for parcel in current_app.config["PARCELS"]:
# +     for parcel in SEED_PARCELS:

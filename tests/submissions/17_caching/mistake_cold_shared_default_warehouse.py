"""The default warehouse is one module-level Warehouse() shared by every app built without WAREHOUSE. Breaks task 1: "the defaults WAREHOUSE = Warehouse() (a new one for each app)".

expect: task1_hidden
base: alternative_cold_methodview
"""
# %% your_app
# - cache = Cache()
# + cache = Cache()
# + DEFAULT_WAREHOUSE = Warehouse()

# -     app.config["WAREHOUSE"] = Warehouse()
# +     app.config["WAREHOUSE"] = DEFAULT_WAREHOUSE

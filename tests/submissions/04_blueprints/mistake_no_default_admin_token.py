"""Leaves ADMIN_TOKEN out of the defaults, so an app built without it in
its config has no admin token at all and the admin guard fails.

expect: task3_hidden
"""
# %% your_app
# -     app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=5)
# +     app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, LOW_STOCK_LIMIT=5)

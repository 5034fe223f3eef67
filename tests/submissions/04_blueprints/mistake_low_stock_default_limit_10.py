"""Gives LOW_STOCK_LIMIT the default 10 instead of 5: the seed catalogue's
report is the same, any other catalogue's is not.

expect: task5_hidden
"""
# %% your_app
# -     app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=5)
# +     app.config.from_mapping(PRODUCTS=SEED_PRODUCTS, ADMIN_TOKEN="change-me", LOW_STOCK_LIMIT=10)

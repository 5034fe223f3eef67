"""Keeps the idempotency records in a module-level dict, shared by every app the notebook builds.

expect: task5_hidden
"""
# %% your_app
# - CURRENCIES = {"EUR", "USD", "GBP"}
# + CURRENCIES = {"EUR", "USD", "GBP"}
# + IDEMPOTENCY_RECORDS = {}
# -     replies = {}
# +     replies = IDEMPOTENCY_RECORDS

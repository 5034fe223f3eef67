"""Validates price_cents and stock with isinstance(value, int), so true and false pass as 1 and 0.

expect: task1_hidden
"""
# %% your_app
# -                 or not whole(data.get("price_cents"), 1) or not whole(data.get("stock"), 0)):
# +                 or not isinstance(data.get("price_cents"), int) or data["price_cents"] < 1
# +                 or not isinstance(data.get("stock"), int) or data["stock"] < 0):

"""Numbers a new order len(orders) + 1 instead of the largest id plus one, so ids collide once the ids have gaps.

expect: task3_hidden
"""
# %% your_app
# -         order = {"id": max(orders, default=0) + 1, "sku": sku, "quantity": quantity}
# +         order = {"id": len(orders) + 1, "sku": sku, "quantity": quantity}

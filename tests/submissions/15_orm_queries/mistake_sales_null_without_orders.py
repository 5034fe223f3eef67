"""Returns SUM(quantity) as is: a product nobody ordered has "units": null.

expect: task4_hidden
"""
# %% your_app
# -             select(func.coalesce(func.sum(OrderLine.quantity), 0), func.count(func.distinct(OrderLine.order_id)))
# +             select(func.sum(OrderLine.quantity), func.count(func.distinct(OrderLine.order_id)))

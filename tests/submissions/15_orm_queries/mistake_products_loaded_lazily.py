"""Loads the customers and lines eagerly but not the lines' products: one statement per product still.

expect: task3_hidden
"""
# %% your_app
# -                  .options(joinedload(Order.customer), selectinload(Order.lines).selectinload(OrderLine.product)))
# +                  .options(joinedload(Order.customer), selectinload(Order.lines)))

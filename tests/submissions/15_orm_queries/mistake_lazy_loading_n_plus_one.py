"""Lists the orders with a plain select(Order): customers, lines and products load lazily, a query per order.

expect: task3_hidden
"""
# %% your_app
# -         query = (select(Order).order_by(Order.id)
# -                  .options(joinedload(Order.customer), selectinload(Order.lines).selectinload(OrderLine.product)))
# +         query = select(Order).order_by(Order.id)

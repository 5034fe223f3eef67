"""Validates prices, stock and quantities in the views only: the tables have no CHECK constraints.

expect: task1_hidden_2
"""
# %% your_app
# -     __table_args__ = (
# -         CheckConstraint("price_cents > 0", name="ck_products_price_positive"),
# -         CheckConstraint("stock >= 0", name="ck_products_stock_not_negative"),
# -     )
# +     # Prices and stock are validated in POST /products.
# -         CheckConstraint("quantity > 0", name="ck_order_lines_quantity_positive"),
# +

"""Declares no index on order_lines.product_id: the sales query scans every order line.

expect: task4_hidden_2
"""
# %% your_app
# -     product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
# +     product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))

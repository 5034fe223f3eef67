"""Checks for an existing sku with a SELECT before inserting, and declares no unique constraint on products.sku.

expect: task1_hidden_2
"""
# %% your_app
# -     sku: Mapped[str] = mapped_column(unique=True)
# +     sku: Mapped[str]
# -         product = Product(sku=data["sku"], name=data["name"], price_cents=data["price_cents"], stock=data["stock"])
# +         if db.session.scalar(select(Product).where(Product.sku == data["sku"])) is not None:
# +             return jsonify(error=f"sku {data['sku']} exists"), 409
# +         product = Product(sku=data["sku"], name=data["name"], price_cents=data["price_cents"], stock=data["stock"])

"""db.Column without nullable=False (db.Column defaults to NULL allowed); breaks "every column NOT NULL" / "expect SQLite to refuse ... a NULL in any column".

expect: task1_hidden_2
base: alternative_cold_blueprint_methodview
"""
# %% your_app
# -     name = db.Column(db.Text, nullable=False)
# -     email = db.Column(db.Text, nullable=False, unique=True)
# +     name = db.Column(db.Text)
# +     email = db.Column(db.Text, unique=True)

# -     sku = db.Column(db.Text, nullable=False, unique=True)
# -     name = db.Column(db.Text, nullable=False)
# -     price_cents = db.Column(db.Integer, db.CheckConstraint("price_cents > 0"), nullable=False)
# -     stock = db.Column(db.Integer, db.CheckConstraint("stock >= 0"), nullable=False)
# +     sku = db.Column(db.Text, unique=True)
# +     name = db.Column(db.Text)
# +     price_cents = db.Column(db.Integer, db.CheckConstraint("price_cents > 0"))
# +     stock = db.Column(db.Integer, db.CheckConstraint("stock >= 0"))

# -     customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"), nullable=False)
# +     customer_id = db.Column(db.Integer, db.ForeignKey("customers.id"))

# -     order_id = db.Column(db.Integer, db.ForeignKey("orders.id"), nullable=False)
# -     product_id = db.Column(db.Integer, db.ForeignKey("products.id"), nullable=False)
# -     quantity = db.Column(db.Integer, nullable=False)
# +     order_id = db.Column(db.Integer, db.ForeignKey("orders.id"))
# +     product_id = db.Column(db.Integer, db.ForeignKey("products.id"))
# +     quantity = db.Column(db.Integer)

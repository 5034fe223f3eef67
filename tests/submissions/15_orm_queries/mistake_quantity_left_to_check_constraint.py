"""Leaves quantities to the database: every IntegrityError at commit (a quantity of 0 as well as too little stock) answers 409.

expect: task2_hidden
"""
# %% your_app
# -             if not isinstance(line, dict) or not text_field(line.get("sku")) or not whole(line.get("quantity"), 1):
# +             if not isinstance(line, dict) or not text_field(line.get("sku")) or not isinstance(line.get("quantity"), int):
# -             product = db.session.scalar(select(Product).where(Product.sku == line["sku"]))
# +             product = db.session.scalar(select(Product).where(Product.sku == line["sku"]).execution_options(autoflush=False))
# -             if product.stock < line["quantity"]:
# -                 abort(409)
# -             product.stock -= line["quantity"]
# +             product.stock -= line["quantity"]
# -         # teardown, which rolls back whatever it flushed.
# -         db.session.commit()
# +         # teardown, which rolls back whatever it flushed.
# +         try:
# +             db.session.commit()
# +         except IntegrityError:
# +             db.session.rollback()
# +             abort(409)

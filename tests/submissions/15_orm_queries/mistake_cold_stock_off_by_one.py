"""Guarded UPDATE uses stock > quantity, so ordering exactly the units left answers 409; breaks "a line asking for more than the product's stock: `409`" (exactly the stock is a valid order).

expect: task2_hidden, task2_hidden_2
base: alternative_cold_core_sql
"""
# %% your_app
# -                 .where(Product.id == found[line["sku"]].id, Product.stock >= line["quantity"])
# +                 .where(Product.id == found[line["sku"]].id, Product.stock > line["quantity"])

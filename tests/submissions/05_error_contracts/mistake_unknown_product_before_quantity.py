"""Looks the SKU up before checking the quantity, so an order for an unknown
product with quantity 0 gets the 422 unknown-product problem instead of the
400 invalid-order one.

expect: task3_hidden
"""
# %% your_app
# -         # bool is a subclass of int; true is not a quantity.
# -         if type(quantity) is not int or quantity < 1:
# -             raise InvalidOrder("'quantity' must be a positive integer.")
# -         if sku not in stock:
# -             raise UnknownProduct(sku)
# +         if sku not in stock:
# +             raise UnknownProduct(sku)
# +         # bool is a subclass of int; true is not a quantity.
# +         if type(quantity) is not int or quantity < 1:
# +             raise InvalidOrder("'quantity' must be a positive integer.")

"""Checks the quantity with isinstance(quantity, int), which is true for the
JSON boolean true (bool is a subclass of int), so {"quantity": true} places
an order of 1.

expect: task3_hidden
"""
# %% your_app
# -         if type(quantity) is not int or quantity < 1:
# +         if not isinstance(quantity, int) or quantity < 1:

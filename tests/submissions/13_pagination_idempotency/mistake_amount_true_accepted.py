"""Checks the amount with isinstance(amount, int), so JSON true is taken as an amount of 1.

expect: task4_hidden
"""
# %% your_app
# -         if type(amount) is not int or amount < 1:
# +         if not isinstance(amount, int) or amount < 1:

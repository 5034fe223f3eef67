"""Checks that per_page is a positive integer but never caps it at 50.

expect: task2_hidden_2
"""
# %% your_app
# -         per_page = page_argument("per_page", 10, maximum=50)
# +         per_page = page_argument("per_page", 10, maximum=10**9)

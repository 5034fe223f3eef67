"""Looks ISBNs up in SEED_BOOKS instead of in the app's catalogue, so a book
given in test_config is not found by its ISBN.

expect: task5_hidden
"""
# %% your_app
# -         for book in books.values():
# -             if book["isbn"] == isbn:
# +         for book in SEED_BOOKS:
# +             if book["isbn"] == isbn:

"""Looks a book up in SEED_BOOKS in GET /books/<id> instead of in the app's
catalogue, so a book given in test_config is a 404 and a seed book is found.

expect: task2_hidden
"""
# %% your_app
# -         if book_id not in books:
# -             return not_found()
# -         return books[book_id]
# +         for book in SEED_BOOKS:
# +             if book["id"] == book_id:
# +                 return book
# +         return not_found()

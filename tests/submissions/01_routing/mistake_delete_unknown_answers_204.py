"""Answers DELETE /books/<id> with 204 even when the book does not exist,
instead of the JSON 404.

expect: task3_hidden
"""
# %% your_app
# -         if books.pop(book_id, None) is None:
# -             return not_found()
# -         return "", 204
# +         books.pop(book_id, None)
# +         return "", 204

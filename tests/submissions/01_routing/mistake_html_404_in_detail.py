"""Answers an unknown book in GET /books/<id> with abort(404), Flask's HTML page.

The clients parse JSON; only the detail view makes this mistake, so only
task 2's hidden test may notice.

expect: task2_hidden
"""
# %% your_app
# -         if book_id not in books:
# -             return not_found()
# +         if book_id not in books:
# +             abort(404)

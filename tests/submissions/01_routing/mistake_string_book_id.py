"""Declares /books/<book_id> without the int converter and converts inside the view.

Unknown and malformed ids still get a JSON 404, so only the URL map shows
that the view receives a string.

expect: task2_hidden
"""
# %% your_app
# -     @app.get("/books/<int:book_id>", strict_slashes=False)
# -     def book_detail(book_id):
# +     @app.get("/books/<book_id>", strict_slashes=False)
# +     def book_detail(book_id):
# +         try:
# +             book_id = int(book_id)
# +         except ValueError:
# +             return not_found()

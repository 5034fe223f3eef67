"""Builds every JSON answer through module-level helpers named `_result` and `_posted_book`.

The visible test cells use the same names for their own values. Graded, each test
cell runs in a copy of the notebook's namespace (as a Check does), so the tests'
values never replace the candidate's helpers (flasklab/sanitize.py).

expect: full marks
"""
# %% your_app
# - def create_app(test_config=None):
# + def _result(payload, status=200, headers=None):
# +     """The JSON answer of every view."""
# +     return jsonify(payload), status, headers or {}
# +
# +
# + def _posted_book(data, fields=("title", "author", "isbn")):
# +     """The fields of a valid new book, or None."""
# +     if not isinstance(data, dict) or not all(isinstance(data.get(f), str) and data[f] for f in fields):
# +         return None
# +     return {f: data[f] for f in fields}
# +
# +
# + def create_app(test_config=None):

# -     def not_found():
# -         return jsonify(error="book not found"), 404
# +     def not_found():
# +         return _result({"error": "book not found"}, 404)

# -     @app.get("/books")
# -     def book_list():
# -         return jsonify(list(books.values()))
# +     @app.get("/books")
# +     def book_list():
# +         return _result(list(books.values()))

# -         data = request.get_json(silent=True)
# -         fields = ("title", "author", "isbn")
# -         if not isinstance(data, dict) or not all(isinstance(data.get(f), str) and data[f] for f in fields):
# -             return jsonify(error="title, author and isbn are required strings"), 400
# -         book = {"id": max(books, default=0) + 1, **{f: data[f] for f in fields}}
# -         books[book["id"]] = book
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         fields = _posted_book(request.get_json(silent=True))
# +         if fields is None:
# +             return _result({"error": "title, author and isbn are required strings"}, 400)
# +         book = {"id": max(books, default=0) + 1, **fields}
# +         books[book["id"]] = book
# +         return _result(book, 201, {"Location": url_for("book_detail", book_id=book["id"])})

# -     @app.get("/authors/")
# -     def author_list():
# -         return jsonify(sorted({book["author"] for book in books.values()}))
# +     @app.get("/authors/")
# +     def author_list():
# +         return _result(sorted({book["author"] for book in books.values()}))

"""Uses the list in app.config["BOOKS"] itself as the store (no copy), so
deleting and creating books changes SEED_BOOKS and every app built after.

expect: task3_hidden
"""
# %% your_app
# - from copy import deepcopy
# -
# - from flask import Flask, abort, jsonify, request, url_for
# + from flask import Flask, abort, jsonify, request, url_for

# - class IsbnConverter(BaseConverter):
# -     """Match an ISBN-13 written with or without hyphens; hand the view the 13 digits."""
# -
# -     regex = r"(?:\d-?){12}\d"
# +
# + class IsbnConverter(BaseConverter):
# +     regex = r"(?:\d-?){12}\d"

# -     app.url_map.converters["isbn"] = IsbnConverter
# -
# -     # Each app owns its copy: two apps (or two tests) never share a catalogue.
# -     books = {book["id"]: dict(book) for book in deepcopy(app.config["BOOKS"])}
# +     app.url_map.converters["isbn"] = IsbnConverter
# +     books = app.config["BOOKS"]
# +
# +     def find(book_id):
# +         return next((b for b in books if b["id"] == book_id), None)

# -         return jsonify(list(books.values()))
# +         return jsonify(books)

# -         book = {"id": max(books, default=0) + 1, **{f: data[f] for f in fields}}
# -         books[book["id"]] = book
# +         book = {"id": max((b["id"] for b in books), default=0) + 1, **{f: data[f] for f in fields}}
# +         books.append(book)

# -         if book_id not in books:
# -             return not_found()
# -         return books[book_id]
# +         book = find(book_id)
# +         return book if book else not_found()

# -         if books.pop(book_id, None) is None:
# -             return not_found()
# +         book = find(book_id)
# +         if book is None:
# +             return not_found()
# +         books.remove(book)

# -         for book in books.values():
# +         for book in books:

# -         return jsonify(sorted({book["author"] for book in books.values()}))
# +         return jsonify(sorted({book["author"] for book in books}))

"""Raises TypeError in GET /authors/ (sorts a mix of names and None).

The exception must cost task 4's visible cell only, with a message that
names the request and the candidate's line.

expect: task4_visible, task4_hidden
"""
# %% your_app
from copy import deepcopy

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.routing import BaseConverter

class IsbnConverter(BaseConverter):
    """Match an ISBN-13 written with or without hyphens; hand the view the 13 digits."""

    regex = r"(?:\d-?){12}\d"

    def to_python(self, value):
        return value.replace("-", "")

    def to_url(self, value):
        return str(value).replace("-", "")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(BOOKS=SEED_BOOKS)
    if test_config is not None:
        app.config.update(test_config)
    app.url_map.converters["isbn"] = IsbnConverter

    # Each app owns its copy: two apps (or two tests) never share a catalogue.
    books = {book["id"]: dict(book) for book in deepcopy(app.config["BOOKS"])}

    def not_found():
        return jsonify(error="book not found"), 404

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/books")
    def book_list():
        return jsonify(list(books.values()))

    @app.post("/books")
    def book_create():
        data = request.get_json(silent=True)
        fields = ("title", "author", "isbn")
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) and data[f] for f in fields):
            return jsonify(error="title, author and isbn are required strings"), 400
        book = {"id": max(books, default=0) + 1, **{f: data[f] for f in fields}}
        books[book["id"]] = book
        return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}

    @app.get("/books/<int:book_id>", strict_slashes=False)
    def book_detail(book_id):
        if book_id not in books:
            return not_found()
        return books[book_id]

    @app.delete("/books/<int:book_id>")
    def book_delete(book_id):
        if books.pop(book_id, None) is None:
            return not_found()
        return "", 204

    @app.get("/books/isbn/<isbn:isbn>")
    def book_by_isbn(isbn):
        for book in books.values():
            if book["isbn"] == isbn:
                return book
        return not_found()

    @app.get("/authors/")
    def author_list():
        return jsonify(sorted([book["author"] for book in books.values()] + [None]))

    return app

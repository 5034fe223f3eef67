"""Uses the list in app.config["BOOKS"] itself as the store (no copy), so
deleting and creating books changes SEED_BOOKS and every app built after.

expect: task3_hidden
"""
# %% your_app
from flask import Flask, abort, jsonify, request, url_for
from werkzeug.routing import BaseConverter


class IsbnConverter(BaseConverter):
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
    books = app.config["BOOKS"]

    def find(book_id):
        return next((b for b in books if b["id"] == book_id), None)

    def not_found():
        return jsonify(error="book not found"), 404

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.get("/books")
    def book_list():
        return jsonify(books)

    @app.post("/books")
    def book_create():
        data = request.get_json(silent=True)
        fields = ("title", "author", "isbn")
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) and data[f] for f in fields):
            return jsonify(error="title, author and isbn are required strings"), 400
        book = {"id": max((b["id"] for b in books), default=0) + 1, **{f: data[f] for f in fields}}
        books.append(book)
        return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}

    @app.get("/books/<int:book_id>", strict_slashes=False)
    def book_detail(book_id):
        book = find(book_id)
        return book if book else not_found()

    @app.delete("/books/<int:book_id>")
    def book_delete(book_id):
        book = find(book_id)
        if book is None:
            return not_found()
        books.remove(book)
        return "", 204

    @app.get("/books/isbn/<isbn:isbn>")
    def book_by_isbn(isbn):
        for book in books:
            if book["isbn"] == isbn:
                return book
        return not_found()

    @app.get("/authors/")
    def author_list():
        return jsonify(sorted({book["author"] for book in books}))

    return app

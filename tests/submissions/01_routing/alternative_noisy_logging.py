"""A correct app that logs a warning, warns and prints to stderr on every
request: nbgrader zeroes a cell that writes to stderr, so the checks must keep
candidate output away from it.

expect: full marks
"""
# %% your_app
import logging
import sys
import warnings

from flask import Flask, jsonify, request, url_for
from werkzeug.routing import BaseConverter

logging.basicConfig(stream=sys.stderr, level=logging.INFO)
log = logging.getLogger("bookshelf")


class IsbnConverter(BaseConverter):
    regex = r"(?:\d-?){12}\d"

    def to_python(self, value):
        return value.replace("-", "")

    def to_url(self, value):
        return value.replace("-", "")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["BOOKS"] = SEED_BOOKS
    if test_config is not None:
        app.config.update(test_config)
    app.url_map.converters["isbn"] = IsbnConverter
    books = {b["id"]: dict(b) for b in app.config["BOOKS"]}
    warnings.warn("create_app is using an in-memory catalogue", UserWarning)

    @app.before_request
    def noisy():
        app.logger.warning("request %s %s", request.method, request.path)
        log.info("handling %s", request.path)
        print("debug:", request.path, file=sys.stderr)
        warnings.warn("deprecated client", DeprecationWarning)

    def missing():
        return jsonify(error="book not found"), 404

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.route("/books", methods=["GET", "POST"])
    def collection():
        if request.method == "GET":
            return jsonify(list(books.values()))
        data = request.get_json(silent=True) or {}
        if not all(data.get(k) for k in ("title", "author", "isbn")):
            return {"error": "incomplete"}, 400
        book = {"id": max(books) + 1, **{k: data[k] for k in ("title", "author", "isbn")}}
        books[book["id"]] = book
        return book, 201, {"Location": url_for("book_detail", book_id=book["id"])}

    @app.route("/books/<int:book_id>", methods=["GET", "DELETE"], strict_slashes=False)
    def book_detail(book_id):
        if book_id not in books:
            return missing()
        if request.method == "DELETE":
            del books[book_id]
            return "", 204
        return books[book_id]

    @app.get("/books/isbn/<isbn:isbn>")
    def book_by_isbn(isbn):
        found = [b for b in books.values() if b["isbn"] == isbn]
        return found[0] if found else missing()

    @app.get("/authors/")
    def authors():
        return jsonify(sorted({b["author"] for b in books.values()}))

    return app

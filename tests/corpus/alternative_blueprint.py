"""Control: a correct app written differently (a blueprint, add_url_rule, a list store, errorhandler).

exercise: 01_routing
expect: full marks
flags: none
"""
# %% your_app
from copy import deepcopy

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter


class IsbnConverter(BaseConverter):
    regex = r"[0-9](?:-?[0-9]){12}"

    def to_python(self, value):
        return "".join(ch for ch in value if ch.isdigit())

    def to_url(self, value):
        return "".join(ch for ch in str(value) if ch.isdigit())


shelf = Blueprint("shelf", __name__)


def _books():
    return current_app.extensions["shelf"]


def _find(book_id):
    for book in _books():
        if book["id"] == book_id:
            return book
    abort(404)


@shelf.app_errorhandler(NotFound)
def _json_404(error):
    return jsonify(error="book not found"), 404


def health():
    return jsonify(status="ok")


def list_books():
    return jsonify(_books())


def create_book():
    body = request.get_json(silent=True) or {}
    if not all(isinstance(body.get(k), str) and body.get(k) for k in ("title", "author", "isbn")):
        return jsonify(error="title, author and isbn are required"), 400
    book = {"id": max((b["id"] for b in _books()), default=0) + 1,
            "title": body["title"], "author": body["author"], "isbn": body["isbn"]}
    _books().append(book)
    return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}


def show_book(book_id):
    return jsonify(_find(book_id))


def delete_book(book_id):
    _books().remove(_find(book_id))
    return "", 204


def by_isbn(isbn):
    for book in _books():
        if book["isbn"] == isbn:
            return jsonify(book)
    abort(404)


def authors():
    return jsonify(sorted({b["author"] for b in _books()}))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["BOOKS"] = SEED_BOOKS
    if test_config:
        app.config.update(test_config)
    app.url_map.converters["isbn"] = IsbnConverter
    app.extensions["shelf"] = deepcopy(list(app.config["BOOKS"]))
    app.add_url_rule("/health", "health", health)
    app.add_url_rule("/books", "book_list", list_books, methods=["GET"])
    app.add_url_rule("/books", "book_create", create_book, methods=["POST"])
    app.add_url_rule("/books/<int:book_id>", "book_detail", show_book, methods=["GET"], strict_slashes=False)
    app.add_url_rule("/books/<int:book_id>", "book_delete", delete_book, methods=["DELETE"])
    app.add_url_rule("/books/isbn/<isbn:isbn>", "book_by_isbn", by_isbn)
    app.add_url_rule("/authors/", "author_list", authors)
    app.register_blueprint(shelf)
    return app

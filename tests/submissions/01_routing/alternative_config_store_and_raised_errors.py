"""A correct app written differently: module-level views registered with
app.add_url_rule that read a copy of the catalogue kept in app.config, a
custom exception raised for unknown books and turned into the JSON 404 by an
error handler, every other HTTP error turned into JSON by a handler that keeps
Flask's headers (Allow on a 405), abort(400) for a bad body (415 for a form),
make_response with response.location, Response(status=204), two stacked
routes for the mobile URL, and an isbn converter that matches loosely and
rejects bad values with ValidationError in to_python. Its top-level helper
new_book() is looked up when a request runs, so no test cell may rebind that name.

expect: full marks
"""
# %% your_app
import json
import re
from copy import deepcopy

from flask import Flask, Response, abort, current_app, jsonify, make_response, request, url_for
from werkzeug.exceptions import HTTPException
from werkzeug.routing import BaseConverter, ValidationError

ISBN_13 = re.compile(r"[0-9](?:-?[0-9]){12}")


class IsbnConverter(BaseConverter):
    regex = r"[0-9-]+"

    def to_python(self, value):
        if not ISBN_13.fullmatch(value):
            raise ValidationError()
        return value.replace("-", "")

    def to_url(self, value):
        return value.replace("-", "")


class BookNotFound(Exception):
    pass


def catalogue():
    return current_app.config["BOOKS"]


def find_book(book_id):
    for book in catalogue():
        if book["id"] == book_id:
            return book
    raise BookNotFound(book_id)


def new_book(payload):
    new_id = max([b["id"] for b in catalogue()] or [0]) + 1
    return {"id": new_id, "title": payload["title"], "author": payload["author"], "isbn": payload["isbn"]}


def health():
    return jsonify({"status": "ok"})


def list_books():
    return jsonify(catalogue())


def create_book():
    payload = request.get_json()  # a form body makes Flask answer 415
    if not isinstance(payload, dict):
        abort(400, "the body must be a JSON object")
    for field in ("title", "author", "isbn"):
        if not isinstance(payload.get(field), str) or payload[field] == "":
            abort(400, f"{field} must be a non-empty string")
    book = new_book(payload)
    catalogue().append(book)
    response = make_response(jsonify(book), 201)
    response.location = url_for("book_detail", book_id=book["id"])
    return response


def show_book(book_id):
    return jsonify(find_book(book_id))


def delete_book(book_id):
    catalogue().remove(find_book(book_id))
    return Response(status=204)


def show_book_by_isbn(isbn):
    matches = [b for b in catalogue() if b["isbn"] == isbn]
    if not matches:
        raise BookNotFound(isbn)
    return jsonify(matches[0])


def list_authors():
    return jsonify(sorted({b["author"] for b in catalogue()}))


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["BOOKS"] = SEED_BOOKS
    if test_config:
        app.config.from_mapping(test_config)
    app.config["BOOKS"] = deepcopy(list(app.config["BOOKS"]))
    app.url_map.converters["isbn"] = IsbnConverter

    @app.errorhandler(BookNotFound)
    def book_not_found(error):
        return {"error": "book not found"}, 404

    @app.errorhandler(HTTPException)
    def http_error_as_json(error):
        response = error.get_response()
        response.data = json.dumps({"error": error.description})
        response.content_type = "application/json"
        return response

    app.add_url_rule("/health", "health", health)
    app.add_url_rule("/books", "book_list", list_books, methods=["GET"])
    app.add_url_rule("/books", "book_create", create_book, methods=["POST"])
    app.add_url_rule("/books/<int:book_id>", "book_detail", show_book, methods=["GET"])
    app.add_url_rule("/books/<int:book_id>/", "book_detail_mobile", show_book, methods=["GET"])
    app.add_url_rule("/books/<int:book_id>", "book_delete", delete_book, methods=["DELETE"])
    app.add_url_rule("/books/isbn/<isbn:isbn>", "book_by_isbn", show_book_by_isbn)
    app.add_url_rule("/authors/", "authors", list_authors)
    return app

"""A correct app with a plain list store, a second URL rule for the mobile
client's trailing slash instead of strict_slashes, a converter whose to_python
uses a comprehension, and errors built by a helper.

expect: full marks
"""
# %% your_app
from flask import Flask, abort, jsonify, request, url_for
from werkzeug.routing import BaseConverter


class IsbnConverter(BaseConverter):
    regex = "[0-9](?:-?[0-9]){12}"

    def to_python(self, value):
        return "".join(ch for ch in value if ch.isdigit())

    def to_url(self, value):
        return "".join(ch for ch in str(value) if ch.isdigit())


def error(message, status):
    return jsonify({"error": message}), status


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(BOOKS=SEED_BOOKS)
    if test_config:
        app.config.from_mapping(test_config)
    app.url_map.converters["isbn"] = IsbnConverter
    shelf = [dict(b) for b in app.config["BOOKS"]]

    def find(book_id):
        return next((b for b in shelf if b["id"] == book_id), None)

    @app.route("/health")
    def health():
        return jsonify(status="ok")

    @app.route("/books", methods=["GET", "POST"])
    def books():
        if request.method == "GET":
            return jsonify(shelf)
        data = request.get_json(silent=True)
        if not data or any(not data.get(k) for k in ("title", "author", "isbn")):
            return error("title, author and isbn are required", 400)
        book = {"id": max((b["id"] for b in shelf), default=0) + 1,
                "title": data["title"], "author": data["author"], "isbn": data["isbn"]}
        shelf.append(book)
        return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}

    def book_detail(book_id):
        book = find(book_id)
        if request.method == "DELETE":
            if book is None:
                return error("book not found", 404)
            shelf.remove(book)
            return "", 204
        return jsonify(book) if book else error("book not found", 404)

    app.add_url_rule("/books/<int:book_id>", "book_detail", book_detail, methods=["GET", "DELETE"])
    app.add_url_rule("/books/<int:book_id>/", "book_detail", book_detail, methods=["GET"])

    @app.route("/books/isbn/<isbn:isbn>")
    def book_by_isbn(isbn):
        for b in shelf:
            if b["isbn"] == isbn:
                return jsonify(b)
        return error("book not found", 404)

    @app.route("/authors/")
    def authors():
        return jsonify(sorted(set(b["author"] for b in shelf)))

    return app

"""A correct app written differently: one MethodView class registered twice
(book_list for /books, book_detail for /books/<id> with strict_slashes=False),
a repository object kept in app.extensions, an OrderedDict store, abort()
with a ready-made JSON response for unknown books, headers passed as a list of
pairs, make_response for 204, app.json.response for lists, and an isbn
converter that deletes hyphens with str.translate. Its top-level helper shelf()
is looked up when a request runs: a test cell that assigns a global named
shelf would break it, so none may.

expect: full marks
"""
# %% your_app
from collections import OrderedDict

from flask import Flask, abort, current_app, jsonify, make_response, request, url_for
from flask.views import MethodView
from werkzeug.routing import BaseConverter

NO_HYPHENS = str.maketrans("", "", "-")


class IsbnConverter(BaseConverter):
    regex = r"[0-9](?:-?[0-9]){11}-?[0-9]"

    def to_python(self, value):
        return value.translate(NO_HYPHENS)

    def to_url(self, value):
        return str(value).translate(NO_HYPHENS)


class Shelf:
    def __init__(self, books):
        self.books = OrderedDict((b["id"], {**b}) for b in books)

    def get_or_404(self, book_id):
        if book_id not in self.books:
            abort(make_response(jsonify(error="book not found"), 404))
        return self.books[book_id]

    def add(self, title, author, isbn):
        new_id = max(self.books.keys(), default=0) + 1
        self.books[new_id] = {"id": new_id, "title": title, "author": author, "isbn": isbn}
        return self.books[new_id]


def shelf():
    return current_app.extensions["shelf"]


class BookAPI(MethodView):
    def get(self, book_id=None):
        if book_id is None:
            return current_app.json.response(list(shelf().books.values()))
        return shelf().get_or_404(book_id)

    def post(self):
        body = request.get_json(silent=True) or {}
        values = [body.get(k) if isinstance(body, dict) else None for k in ("title", "author", "isbn")]
        if not all(isinstance(v, str) and v.strip() for v in values):
            return {"error": "title, author and isbn must be non-empty strings"}, 400
        book = shelf().add(*values)
        return book, 201, [("Location", url_for("book_detail", book_id=book["id"]))]

    def delete(self, book_id):
        shelf().get_or_404(book_id)
        del shelf().books[book_id]
        return make_response("", 204)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping({"BOOKS": SEED_BOOKS, **(test_config or {})})
    app.url_map.converters["isbn"] = IsbnConverter
    app.extensions["shelf"] = Shelf(app.config["BOOKS"])

    app.add_url_rule("/health", view_func=lambda: jsonify(status="ok"), endpoint="health")
    app.add_url_rule("/books", view_func=BookAPI.as_view("book_list"), methods=["GET", "POST"])
    app.add_url_rule(
        "/books/<int:book_id>", view_func=BookAPI.as_view("book_detail"),
        methods=["GET", "DELETE"], strict_slashes=False,
    )

    @app.route("/books/isbn/<isbn:isbn>", endpoint="book_by_isbn")
    def by_isbn(isbn):
        for book in shelf().books.values():
            if book["isbn"] == isbn:
                return book
        abort(make_response(jsonify(error="book not found"), 404))

    @app.route("/authors/")
    def authors():
        return jsonify(sorted(set(b["author"] for b in shelf().books.values())))

    return app

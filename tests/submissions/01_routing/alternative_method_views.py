"""A correct app written differently: MethodView classes, an app-wide JSON 404
handler, a store in app.extensions, absolute Location URLs, request.get_json()
that answers 415 to a form body, and a differently written ISBN pattern.

expect: full marks
"""
# %% your_app
import copy
import re

from flask import Flask, abort, current_app, jsonify, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter


class IsbnConverter(BaseConverter):
    regex = r"\d(?:-?\d){12}"

    def to_python(self, value):
        return re.sub(r"\D", "", value)

    def to_url(self, value):
        return re.sub(r"\D", "", value)


def _store():
    return current_app.extensions["bookshelf"]


class BookCollection(MethodView):
    def get(self):
        return jsonify([_store()[k] for k in _store()])

    def post(self):
        payload = request.get_json()
        missing = [k for k in ("title", "author", "isbn") if not (payload or {}).get(k)]
        if missing:
            return {"error": f"missing: {', '.join(missing)}"}, 400
        new_id = max(_store().keys(), default=0) + 1
        book = {"id": new_id, "title": payload["title"], "author": payload["author"], "isbn": payload["isbn"]}
        _store()[new_id] = book
        response = jsonify(book)
        response.status_code = 201
        response.headers["Location"] = url_for("book_detail", book_id=new_id, _external=True)
        return response


class BookItem(MethodView):
    def get(self, book_id):
        return _store().get(book_id) or abort(404)

    def delete(self, book_id):
        if book_id not in _store():
            abort(404)
        del _store()[book_id]
        return "", 204


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["BOOKS"] = SEED_BOOKS
    app.config.update(test_config or {})
    app.url_map.converters["isbn"] = IsbnConverter
    app.extensions["bookshelf"] = {b["id"]: copy.deepcopy(b) for b in app.config["BOOKS"]}

    @app.errorhandler(NotFound)
    def json_not_found(error):
        return {"error": "book not found"}, 404

    app.add_url_rule("/health", view_func=lambda: {"status": "ok"}, endpoint="health")
    app.add_url_rule("/books", view_func=BookCollection.as_view("book_collection"))
    item = BookItem.as_view("book_detail")
    app.add_url_rule("/books/<int:book_id>", view_func=item, methods=["GET", "DELETE"], strict_slashes=False)

    @app.route("/books/isbn/<isbn:isbn>")
    def book_by_isbn(isbn):
        match = next((b for b in _store().values() if b["isbn"] == isbn), None)
        if match is None:
            abort(404)
        return match

    @app.route("/authors/", methods=["GET"])
    def authors():
        names = set()
        for book in _store().values():
            names.add(book["author"])
        return jsonify(sorted(names))

    return app

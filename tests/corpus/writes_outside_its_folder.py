"""Tries to write into other candidates' folders, the course, /tmp, ~ and the project, then defines the correct app.

Every path is a guess from what the kernel can see (its working copy's path,
sys.executable). Inside the sandbox the writes either fail or land in the
sandbox's own scratch space, which is gone after grading:
test_writes_outside_the_working_copy_land_nowhere checks that no marker
appeared on the host. The Flask code is ours: full marks.

exercise: 01_routing
expect: full marks
"""
# %% your_app
import os
import sys
from pathlib import Path

_here = Path.cwd().resolve()
_project = Path(sys.executable).parents[2]


def _up(levels):
    """The folder ``levels`` above the working copy, or / when there are fewer."""
    return _here.parents[levels] if levels < len(_here.parents) else Path("/")


_targets = [
    _here.parent / "corpus-intruder-neighbour" / "01_routing" / "routing.ipynb",
    _up(1) / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(2) / "submitted" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    # OUT/course/.work/worker-N/autograded/<candidate>/<exercise>: four up would be OUT/course.
    _up(4) / "submitted" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(4) / "autograded" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(4) / "source" / "01_routing" / "corpus-intruder.ipynb",
    Path(os.path.expanduser("~")) / "corpus-intruder-home.txt",
    Path("/tmp") / "corpus-intruder-tmp.txt",
    _project / "reports" / "corpus-intruder-reports.txt",
    _project / "corpus-intruder-project.txt",
    _project / "source" / "01_routing" / "corpus-intruder.ipynb",
] + [folder / "corpus-intruder-above.txt" for folder in _here.parents]
_landed = []
for _target in _targets:
    try:
        _target.parent.mkdir(parents=True, exist_ok=True)
        _target.write_text("written by another candidate")
        _landed.append(str(_target))
    except OSError:
        pass
print(f"attempted {len(_targets)} writes; {len(_landed)} succeeded inside the sandbox")

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
        return jsonify(sorted({book["author"] for book in books.values()}))

    return app
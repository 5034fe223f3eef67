"""Starts a detached `sleep 600` and a double-forked writer that waits 5 s, then defines the correct app.

The writer tries, at once and again after 5 s, to overwrite every gradebook
and grading state file it can guess from its working copy's path, and to drop
marker files there. Inside the sandbox none of those files exist and the
processes die with the kernel. The Flask code is ours: full marks.
test_no_process_of_a_candidate_survives_grading checks that no `sleep 600`
survives, no marker appeared on the host and the gradebook is intact.

exercise: 01_routing
expect: full marks
"""
# %% your_app
import subprocess
import sys
from pathlib import Path

_WRITER = r'''
import os, sys, time
from pathlib import Path
if os.fork():
    os._exit(0)
os.setsid()
here = Path(sys.argv[1])

def attack(round):
    for folder in [here, *here.parents]:
        for name in ("gradebook.db", "template.db", "flasklab-grades.json", "scores.json"):
            target = folder / name
            try:
                if target.exists():
                    with open(target, "wb") as f:
                        f.write(b"corpus-leftover overwrote this")
            except OSError:
                pass
        try:
            (folder / f"corpus-leftover-{round}.txt").write_text("written by a leftover process")
        except OSError:
            pass

attack("now")
time.sleep(5)
attack("later")
'''

subprocess.Popen(["sleep", "600"], start_new_session=True)
subprocess.Popen([sys.executable, "-c", _WRITER, str(Path.cwd().resolve())], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("started sleep 600 and the writer")

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
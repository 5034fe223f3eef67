# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Routing and URL rules: the Bookshelf API
#
# A small library wants a JSON API for its catalogue. Mobile and web clients
# will call it, and a colleague will review your code. You will build the app
# step by step, the way you would in a real service:
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | an application factory, `GET /health`, `GET /books` | 3 |
# | 2 | `GET /books/<id>` with an `int` converter and a JSON 404 | 3 |
# | 3 | `POST /books`, `DELETE /books/<id>`, and the 405 that follows | 4 |
# | 4 | `/authors/`, trailing slashes and `strict_slashes` | 3 |
# | 5 | a custom `isbn` URL converter | 4 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask documentation while you work.

# %% nbgrader={"grade_id": "catalogue", "locked": true}
# The catalogue the app starts with. Do not edit this cell.
SEED_BOOKS = [
    {"id": 1, "title": "Flask Web Development", "author": "Miguel Grinberg", "isbn": "9781491991732"},
    {"id": 2, "title": "Fluent Python", "author": "Luciano Ramalho", "isbn": "9781492056355"},
    {"id": 3, "title": "Architecture Patterns with Python", "author": "Harry Percival", "isbn": "9781492052203"},
    {"id": 4, "title": "Test-Driven Development with Python", "author": "Harry Percival", "isbn": "9781491958704"},
]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` (and, for task 5, an `IsbnConverter`
# class) in the cell below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from copy import deepcopy

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.routing import BaseConverter

### BEGIN SOLUTION
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
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: the factory, a health check and the catalogue (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app, sets `app.config["BOOKS"]` to
#   `SEED_BOOKS` by default, and then applies `test_config` when one is given
#   (so a test can pass its own `BOOKS`);
# - `GET /health` answers `200` with the JSON object `{"status": "ok"}`;
# - `GET /books` answers `200` with a JSON list of every book in
#   `app.config["BOOKS"]`, in that order, each as an object with `id`,
#   `title`, `author` and `isbn`.
#
# Every call to `create_app` must give an independent app: what one app
# changes later (task 3) must not show up in another.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/health").expect(200, json={"status": "ok"})
_result = app.get("/books").expect(200, json=SEED_BOOKS, why="the four books of SEED_BOOKS, in order")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
given_shelf = [
    {"id": 9, "title": "Effective Python", "author": "Brett Slatkin", "isbn": "9780134853987"},
    {"id": 7, "title": "Python Testing with pytest", "author": "Brian Okken", "isbn": "9781680508604"},
]
app = check_app(create_app, {"BOOKS": given_shelf})
listed_why = "create_app must use the BOOKS given in test_config, listed in the order given"
app.get("/books").expect(200, json=given_shelf, why=listed_why)
_result = app.get("/health").expect(200, json={"status": "ok"})
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: one book, or a JSON 404 (3 points)
#
# Add `GET /books/<book_id>`:
#
# - the rule uses the `int` converter, so `/books/abc` and `/books/-1` never
#   reach your view (the router answers 404);
# - the endpoint is named `book_detail`, so `url_for("book_detail", book_id=3)`
#   builds `/books/3`;
# - a known id answers `200` with that book as a JSON object;
# - an unknown id answers `404` with the JSON object `{"error": "book not found"}`
#   (not Flask's HTML error page: the clients parse JSON).

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/books/2").expect(200, json=SEED_BOOKS[1])
_result = app.get("/books/99").expect(404, why="there is no book 99")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
app.get("/books/99").expect(404, json={"error": "book not found"}, why="unknown ids get a JSON error")
app.get("/books/abc").expect(404, why="the int converter rejects 'abc' before any view runs")
app.get("/books/-1").expect(404, why="the int converter rejects negative numbers")
detail_args = app.expect_endpoint("/books/3", "book_detail")
assert detail_args == {"book_id": 3}, (
    f"GET /books/3 should call book_detail with book_id=3 as an int (use <int:book_id>), "
    f"but the router passes {detail_args!r}."
)
app.expect_url_for("book_detail", "/books/3", book_id=3)

# Whether create_app applies test_config is task 1's check: judge the detail
# view against a given catalogue only when GET /books serves it.
own_shelf = [{"id": 7, "title": "Python Testing with pytest", "author": "Brian Okken", "isbn": "9781680508604"}]
try:
    shelf_app = check_app(create_app, {"BOOKS": own_shelf})
    serves_given_books = shelf_app.get("/books").json == own_shelf
except AssertionError:
    serves_given_books = False
if serves_given_books:
    shelf_app.get("/books/7").expect(200, json=own_shelf[0], why="book 7 is in the BOOKS given in test_config")
    shelf_app.get("/books/1").expect(
        404, json={"error": "book not found"}, why="book 1 is not in the BOOKS given in test_config"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: create, delete, and the methods you did not allow (4 points)
#
# Add:
#
# - `POST /books` with a JSON body `{"title": ..., "author": ..., "isbn": ...}`
#   (all three non-empty strings). It adds the book with the next free id
#   (the largest id plus one), and answers `201` with the new book as JSON and
#   a `Location` header holding the book's URL, built with `url_for`.
#   A body that is missing a field answers `400` with a JSON object that has an
#   `"error"` key.
# - `DELETE /books/<int:book_id>` answers `204` with an empty body, or the same
#   JSON 404 as task 2 when the book does not exist.
#
# Other methods on these URLs must answer `405 Method Not Allowed` with an
# `Allow` header listing what is allowed. Flask does this for you when each
# rule declares its methods; do not write your own 405 handler.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 2}
from copy import deepcopy

from autograder import check_app

# This cell creates and deletes books, so it hands the app a copy of the catalogue.
app = check_app(create_app, {"BOOKS": deepcopy(SEED_BOOKS)})
_posted_book = {"title": "Flask Cookbook", "author": "Shalabh Aggarwal", "isbn": "9781804611108"}
app.post("/books", json=_posted_book).expect(
    201, json={"id": 5, **_posted_book}, location="/books/5", why="the next free id is 5"
)
_result = app.delete("/books/1").expect(204, empty=True)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from copy import deepcopy

from autograder import check_app

### BEGIN HIDDEN TESTS
# An app that edits SEED_BOOKS itself loses this cell only: the catalogue is restored for later tasks.
seed_before = deepcopy(SEED_BOOKS)
try:
    app = check_app(create_app)
    incomplete_book = {"title": "No Author", "isbn": "9780000000000"}
    bad_reply = app.post("/books", json=incomplete_book).expect(400, why="the author is missing")
    assert isinstance(bad_reply.json, dict) and "error" in bad_reply.json, (
        f"POST /books with a missing field should answer a JSON object with an 'error' key, "
        f"got {bad_reply.describe()}"
    )
    app.post("/books", data="title=Form", content_type="application/x-www-form-urlencoded").expect(
        (400, 415), why="a body that is not JSON is rejected"
    )
    app.delete("/books/99").expect(404, json={"error": "book not found"})
    app.delete("/books/2").expect(204)
    # Whether GET /books/<id> serves the app's own catalogue is task 2's check:
    # judge the deletion through it only when it does.
    try:
        one_book_app = check_app(create_app, {"BOOKS": deepcopy(seed_before[:1])})
        detail_follows_catalogue = one_book_app.get("/books/2").status_code == 404
    except AssertionError:
        detail_follows_catalogue = False
    if detail_follows_catalogue:
        app.get("/books/2").expect(404, why="book 2 was deleted by the request before")

    created_book = {"title": "Flask Cookbook", "author": "Shalabh Aggarwal", "isbn": "9781804611108"}
    app.post("/books", json=created_book).expect(json_subset={"id": 5})  # 201 is task3_visible's check
    books_now = app.get("/books").expect(200).json
    assert [b["id"] for b in books_now] == [1, 3, 4, 5], (
        f"GET /books after deleting book 2 and creating book 5 should list ids [1, 3, 4, 5], "
        f"got {[b.get('id') for b in books_now] if isinstance(books_now, list) else books_now!r}"
    )

    app.put("/books", json=created_book).expect(405, why="/books allows only GET and POST")
    allow_header = {m.strip() for m in app.put("/books").headers.get("Allow", "").split(",")}
    assert {"GET", "POST"} <= allow_header and not {"PUT", "DELETE", "PATCH"} & allow_header, (
        f"PUT /books should answer 405 with an Allow header of GET and POST, got Allow: {sorted(allow_header)}"
    )
    app.patch("/books/1").expect(405, why="/books/<id> allows only GET and DELETE")

    fresh_app = check_app(create_app)
    fresh_app.get("/books/2").expect(
        200, why="a new app starts from the seed catalogue; a book deleted in another app must still be here"
    )
    fresh_app.get("/books/5").expect(404, why="a book created_book in another app must not appear in a new one")
    assert SEED_BOOKS == seed_before, (
        "creating and deleting books changed SEED_BOOKS itself: give each app its own copy of the books"
    )

    mounted = check_app(create_app, {"BOOKS": deepcopy(seed_before)})
    mounted.post("/books", json=created_book, base_url="http://localhost/library/").expect(
        location="/library/books/5",
        why="the app is mounted under /library, and url_for builds URLs that include the mount point",
    )
finally:
    SEED_BOOKS[:] = seed_before
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: trailing slashes (3 points)
#
# - Add `GET /authors/` (with the trailing slash: it is a collection the web
#   team links to as a folder). It answers `200` with a JSON list of the
#   distinct author names, sorted alphabetically. A request to `/authors`
#   must be redirected to `/authors/` with `308 Permanent Redirect`; Flask
#   does this for a rule that ends in a slash.
# - The mobile client has shipped with a bug: it calls `/books/1/`. Make
#   `GET /books/<id>/` answer exactly like `GET /books/<id>` (`200`, no
#   redirect), while `/books/<id>` stays the canonical URL that `url_for`
#   builds.
# - Nothing else changes: `/health/` is still a 404.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/authors/").expect(200, json=["Harry Percival", "Luciano Ramalho", "Miguel Grinberg"])
_result = app.get("/authors").expect(308, location="/authors/")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
app.get("/books/1/").expect(200, json=SEED_BOOKS[0], why="the mobile client's URL is answered directly")
app.get("/books/99/").expect(404, why="an unknown id is still a 404 with the trailing slash")
app.get("/books/1").expect(200, json=SEED_BOOKS[0], why="/books/<id> stays the canonical URL")
# The endpoint's name is task 2's check: build the URL of whichever endpoint serves GET /books/1.
try:
    detail_endpoint, detail_args = app.app.url_map.bind("localhost").match("/books/1", method="GET")
except Exception as exc:
    raise AssertionError(f"GET /books/1 should be routed to your detail view, but the router says {exc!r}") from None
app.expect_url_for(detail_endpoint, "/books/1", **detail_args)
app.get("/health/").expect(404, why="only /books/<id> accepts the extra slash")

# Whether create_app applies test_config is task 1's check: judge the authors
# of a given catalogue only when GET /books serves it.
author_shelf = [
    {"id": 1, "title": "Effective Python", "author": "Brett Slatkin", "isbn": "9780134853987"},
    {"id": 2, "title": "Automate the Boring Stuff", "author": "Al Sweigart", "isbn": "9781593279929"},
    {"id": 3, "title": "Effective Python, 3rd edition", "author": "Brett Slatkin", "isbn": "9780138172183"},
]
try:
    shelf_app = check_app(create_app, {"BOOKS": author_shelf})
    serves_given_books = shelf_app.get("/books").json == author_shelf
except AssertionError:
    serves_given_books = False
if serves_given_books:
    shelf_app.get("/authors/").expect(
        200, json=["Al Sweigart", "Brett Slatkin"], why="the distinct authors of the BOOKS given in test_config"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a custom URL converter (4 points)
#
# Librarians look books up by ISBN-13. Write a converter class
# `IsbnConverter(werkzeug.routing.BaseConverter)` and register it under the
# name `isbn` in `create_app`, then add `GET /books/isbn/<isbn:isbn>` with the
# endpoint name `book_by_isbn`.
#
# - The converter matches an ISBN-13 written as 13 digits, optionally with a
#   single hyphen between any two digits: `9781491991732` and
#   `978-1-4919-9173-2` both match; `978149199173` (12 digits),
#   `97814919917321` (14) and `978149199173X` do not, so the router answers
#   404 without calling your view.
# - The view receives the 13 digits without hyphens (`to_python`), and
#   `url_for("book_by_isbn", isbn="978-1-4919-9173-2")` builds
#   `/books/isbn/9781491991732` (`to_url`).
# - A well-formed ISBN that is not in the catalogue answers the JSON 404 of
#   task 2.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
_result = app.get("/books/isbn/9781491991732").expect(200, json=SEED_BOOKS[0])

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 3}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
app = check_app(create_app)
app.get("/books/isbn/978-1-4920-5635-5").expect(200, json=SEED_BOOKS[1], why="hyphens are allowed")
app.get("/books/isbn/9780000000000").expect(404, json={"error": "book not found"})
for bad_isbn in ("978149199173", "97814919917321", "978149199173X", "978--1491991732",
            "9781491991732-", "-9781491991732", "978-1-4919-9173-2-"):
    app.get(f"/books/isbn/{bad_isbn}").expect(404, why=f"{bad_isbn!r} is not an ISBN-13")
app.expect_endpoint("/books/isbn/9781492052203", "book_by_isbn")
isbn_args = app.expect_endpoint("/books/isbn/978-1-4920-5635-5", "book_by_isbn")
assert [str(value) for value in isbn_args.values()] == ["9781492056355"], (
    f"GET /books/isbn/978-1-4920-5635-5 should call book_by_isbn with the 13 digits without hyphens, "
    f"'9781492056355' (the converter's to_python removes them), but the router passes {isbn_args!r}."
)
app.expect_url_for("book_by_isbn", "/books/isbn/9781491991732", isbn="978-1-4919-9173-2")
app.expect_url_for("book_by_isbn", "/books/isbn/9781492052203", isbn="9781492052203")

# Whether create_app applies test_config is task 1's check: judge the lookup
# in a given catalogue only when GET /books serves it.
isbn_shelf = [{"id": 7, "title": "Python Testing with pytest", "author": "Brian Okken", "isbn": "9781680508604"}]
try:
    shelf_app = check_app(create_app, {"BOOKS": isbn_shelf})
    serves_given_books = shelf_app.get("/books").json == isbn_shelf
except AssertionError:
    serves_given_books = False
if serves_given_books:
    shelf_app.get("/books/isbn/978-1-68050-860-4").expect(
        200, json=isbn_shelf[0], why="look the ISBN up in the app's catalogue, the BOOKS given in test_config"
    )
    shelf_app.get("/books/isbn/9781491991732").expect(
        404, json={"error": "book not found"}, why="that book is not in the BOOKS given in test_config"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# A teammate proposes to change the rule `/books/<int:book_id>` to
# `/books/<int:book_id>/`, "so that both forms work through Flask's automatic
# redirect". In a few sentences: what would clients see for `GET` and for
# `DELETE /books/1` after that change, why does Flask redirect with `308` and
# not `301`, and when would you rather use `strict_slashes=False`?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** After the change `/books/<id>/` is the canonical URL:
# `url_for` builds it, and every request to `/books/1` gets a `308` to
# `/books/1/` first, an extra round trip (and a changed URL in every client
# and cache). For `DELETE` the redirect is `308` because 308 (like 307) tells
# the client to repeat the same method with the same body; after a `301` or
# `302` many clients switch to `GET` and drop the body, so a `DELETE` or
# `POST` would silently become a read. `strict_slashes=False` answers both
# forms directly with no redirect: right for an API whose clients you do not
# control (the shipped mobile app), at the cost of two URLs for one resource.
#
# **Rubric (1 point each).**
# 1. Says the old URL now redirects (extra request, canonical URL and
#    `url_for` change), not that it "just works".
# 2. Explains that 308 keeps the method and body, whereas 301/302 may turn a
#    `POST`/`DELETE` into a `GET`.
# 3. Names `strict_slashes=False` as answering both forms without a redirect,
#    with a sensible trade-off (duplicate URLs, caching) or use case.

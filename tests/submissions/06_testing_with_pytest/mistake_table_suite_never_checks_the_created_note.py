"""One table of (request, expected status) cases plus tests that read the SQLite file
directly, but nothing checks that creating a note answers the note.

Fixture chain db_path -> app (yield) -> client -> seeded; state is checked in
the database itself rather than through the API.

expect: task3_hidden_3
"""
# %% your_tests
import sqlite3

import pytest

GOOD = {"Authorization": "Bearer letmein"}
WRONG = {"Authorization": "Bearer letmeinX"}
BARE = {"Authorization": "letmein"}


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "notes.db"


@pytest.fixture
def app(db_path):
    app = create_app({"TESTING": True, "DATABASE": db_path, "API_TOKEN": "letmein", "PAGE_SIZE": 2})
    yield app


@pytest.fixture
def client(app):
    with app.test_client() as client:
        yield client


@pytest.fixture
def seeded(client):
    """Three notes, titled one, two, three, created through the API; returns their ids."""
    reply = client.post("/notes/import", json={"notes": [{"title": t} for t in ("one", "two", "three")]},
                        headers=GOOD)
    assert reply.status_code == 201
    return reply.json["ids"]


def rows(db_path):
    with sqlite3.connect(db_path) as db:
        return db.execute("SELECT id, title FROM note ORDER BY id").fetchall()


CASES = [
    pytest.param("GET", "/notes?page=0", {}, None, 400, id="page zero"),
    pytest.param("GET", "/notes?page=-1", {}, None, 400, id="negative page"),
    pytest.param("GET", "/notes?page=one", {}, None, 400, id="page not a number"),
    pytest.param("GET", "/notes/999", {}, None, 404, id="unknown note"),
    pytest.param("POST", "/notes", {}, {"title": "t"}, 401, id="create without token"),
    pytest.param("POST", "/notes", WRONG, {"title": "t"}, 401, id="create with wrong token"),
    pytest.param("POST", "/notes", BARE, {"title": "t"}, 401, id="create without Bearer"),
    pytest.param("POST", "/notes", GOOD, {"title": "   "}, 400, id="blank title"),
    pytest.param("POST", "/notes", GOOD, {"body": "b"}, 400, id="no title"),
    pytest.param("DELETE", "/notes/1", {}, None, 401, id="delete without token"),
    pytest.param("DELETE", "/notes/1", WRONG, None, 401, id="delete with wrong token"),
    pytest.param("DELETE", "/notes/999", GOOD, None, 404, id="delete unknown"),
    pytest.param("POST", "/notes/import", WRONG, {"notes": [{"title": "t"}]}, 401, id="import with wrong token"),
    pytest.param("POST", "/notes/import", GOOD, {"notes": [{"title": "t"}, {"title": 5}]}, 400, id="bad batch"),
]


@pytest.mark.parametrize("method, path, headers, body, status", CASES)
def test_status_and_nothing_changed(client, db_path, seeded, method, path, headers, body, status):
    before = rows(db_path)
    response = client.open(path, method=method, headers={**headers, "X-Request-Id": "case-1"}, json=body)
    assert response.status_code == status
    assert "error" in response.json
    assert response.headers["X-Request-Id"] == "case-1"
    assert rows(db_path) == before


def test_empty_listing(client):
    assert client.get("/notes").json == {"notes": [], "page": 1, "total": 0}


@pytest.mark.parametrize("page, titles", [(None, ["one", "two"]), (1, ["one", "two"]), (2, ["three"]), (3, [])])
def test_pages(client, seeded, page, titles):
    reply = client.get("/notes", query_string={"page": page} if page else {})
    assert reply.status_code == 200
    assert [n["title"] for n in reply.json["notes"]] == titles
    assert (reply.json["page"], reply.json["total"]) == (page or 1, 3)


def test_get_note(client, seeded):
    assert client.get(f"/notes/{seeded[1]}").json == {"id": seeded[1], "title": "two", "body": ""}


def test_create(client, db_path):
    reply = client.post("/notes", json={"title": "new", "body": "text"}, headers=GOOD)
    assert reply.status_code == 201
    assert reply.location == f"/notes/{reply.json['id']}"
    assert rows(db_path) == [(reply.json["id"], "new")]


def test_delete(client, db_path, seeded):
    reply = client.delete(f"/notes/{seeded[0]}", headers=GOOD)
    assert reply.status_code == 204
    assert reply.get_data() == b""
    assert [row[0] for row in rows(db_path)] == seeded[1:]


def test_import(client, db_path, seeded):
    assert [row[0] for row in rows(db_path)] == seeded


def test_request_ids(client):
    assert client.get("/notes", headers={"X-Request-Id": "A_b-9"}).headers["X-Request-Id"] == "A_b-9"
    generated = [client.get("/notes", headers={"X-Request-Id": "bad id"}).headers["X-Request-Id"] for _ in range(2)]
    assert generated[0] != generated[1] and "bad id" not in generated and all(generated)

"""Builds the app with notes_service.create_app instead of create_app, against the stated rule.

The suite is green and order-free, but grading cannot swap in another build: the
broken service is never caught and no request reaches the recorded apps.

expect: task1_broken, task1_hidden_2, task2_visible, task2_hidden_1, task2_hidden_2, task2_hidden_3, task3_visible, task3_hidden_1, task3_hidden_2, task3_hidden_3, task3_hidden_4, task3_hidden_5, task3_hidden_6, task4_visible, task4_hidden_1, task4_hidden_2, task5_visible, task5_hidden
"""
# %% your_tests
import pytest

TOKEN = "test-token"


@pytest.fixture
def app(tmp_path):
    # A new app on a new database file for every test: no test sees another's notes.
    return notes_service.create_app({
        "TESTING": True,
        "DATABASE": str(tmp_path / "notes.sqlite"),
        "API_TOKEN": TOKEN,
        "PAGE_SIZE": 2,
    })


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def auth_headers():
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def add_notes(client, auth_headers):
    """Return a function that creates notes through the API and returns their ids."""

    def add(*titles):
        ids = []
        for title in titles:
            response = client.post("/notes", json={"title": title}, headers=auth_headers)
            assert response.status_code == 201, response.json
            ids.append(response.json["id"])
        return ids

    return add


def test_new_database_has_no_notes(client):
    response = client.get("/notes")
    assert response.status_code == 200
    assert response.json == {"notes": [], "page": 1, "total": 0}


def test_pages_split_the_notes_in_id_order(client, add_notes):
    ids = add_notes("first", "second", "third")
    first = client.get("/notes").json
    second = client.get("/notes", query_string={"page": 2}).json
    assert [note["id"] for note in first["notes"]] == ids[:2]
    assert [note["id"] for note in second["notes"]] == ids[2:]
    assert (first["page"], second["page"]) == (1, 2)
    assert first["total"] == second["total"] == 3


def test_a_page_after_the_last_is_empty(client, add_notes):
    add_notes("only")
    response = client.get("/notes?page=2")
    assert response.status_code == 200
    assert response.json == {"notes": [], "page": 2, "total": 1}


@pytest.mark.parametrize("page", ["0", "-1", "abc", "1.5", ""])
def test_a_page_that_is_not_a_whole_number_from_1_is_400(client, page):
    response = client.get("/notes", query_string={"page": page})
    assert response.status_code == 400
    assert "error" in response.json


def test_get_one_note(client, auth_headers):
    created = client.post("/notes", json={"title": "Milk", "body": "2 litres"}, headers=auth_headers).json
    response = client.get(f"/notes/{created['id']}")
    assert response.status_code == 200
    assert response.json == {"id": created["id"], "title": "Milk", "body": "2 litres"}


def test_an_unknown_note_is_404(client):
    response = client.get("/notes/42")
    assert response.status_code == 404
    assert "error" in response.json


def test_create_answers_201_with_the_note_and_its_location(client, auth_headers):
    response = client.post("/notes", json={"title": "Call Ana", "body": "about the demo"}, headers=auth_headers)
    assert response.status_code == 201
    note = response.json
    assert note["title"] == "Call Ana" and note["body"] == "about the demo"
    assert response.headers["Location"] == f"/notes/{note['id']}"
    assert client.get(response.headers["Location"]).json == note


@pytest.mark.parametrize("payload", [{}, {"title": ""}, {"title": 7}, {"body": "no title"}, ["Milk"]])
def test_create_rejects_a_note_without_a_title(client, auth_headers, payload):
    response = client.post("/notes", json=payload, headers=auth_headers)
    assert response.status_code == 400
    assert client.get("/notes").json["total"] == 0


BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_create_needs_the_token(client, headers):
    response = client.post("/notes", json={"title": "sneaky"}, headers=headers)
    assert response.status_code == 401
    assert client.get("/notes").json["total"] == 0


def test_delete_answers_204_and_the_note_is_gone(client, auth_headers, add_notes):
    [note_id] = add_notes("done")
    response = client.delete(f"/notes/{note_id}", headers=auth_headers)
    assert response.status_code == 204
    assert response.data == b""
    assert client.get(f"/notes/{note_id}").status_code == 404


def test_delete_an_unknown_note_is_404(client, auth_headers):
    assert client.delete("/notes/42", headers=auth_headers).status_code == 404


@pytest.mark.parametrize("headers", BAD_AUTH)
def test_delete_needs_the_token(client, add_notes, headers):
    [note_id] = add_notes("keep me")
    assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401
    assert client.get(f"/notes/{note_id}").status_code == 200


def test_a_request_id_is_echoed(client):
    response = client.get("/notes", headers={"X-Request-Id": "trace-123"})
    assert response.headers["X-Request-Id"] == "trace-123"


def test_each_request_gets_a_new_id(client):
    first = client.get("/notes").headers.get("X-Request-Id")
    second = client.get("/notes").headers.get("X-Request-Id")
    assert first and second and first != second


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/notes", headers={"X-Request-Id": "not ok!"})
    assert response.headers.get("X-Request-Id") not in (None, "", "not ok!")


@pytest.mark.parametrize("method, path", [("GET", "/notes/42"), ("GET", "/notes?page=0"), ("POST", "/notes")])
def test_error_responses_carry_the_request_id_too(client, method, path):
    response = client.open(path, method=method, headers={"X-Request-Id": "trace-err"})
    assert response.status_code >= 400
    assert response.headers.get("X-Request-Id") == "trace-err"


def test_import_stores_every_note(client, auth_headers):
    response = client.post("/notes/import", json={"notes": [{"title": "a"}, {"title": "b"}]}, headers=auth_headers)
    assert response.status_code == 201
    listed = client.get("/notes").json
    assert [note["id"] for note in listed["notes"]] == response.json["ids"]
    assert listed["total"] == 2


def test_import_with_one_bad_note_stores_none(client, auth_headers):
    batch = {"notes": [{"title": "good"}, {"title": "also good"}, {"title": ""}]}
    response = client.post("/notes/import", json=batch, headers=auth_headers)
    assert response.status_code == 400
    assert client.get("/notes").json["total"] == 0

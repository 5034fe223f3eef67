"""Sends every request through a helper called run(); tests the write endpoints without a token,
never with a wrong one, so an auth check that accepts any bearer token goes unnoticed. Before
test cells were kept from binding global names, the check cells' own `run` replaced this helper
while the broken copies ran, so every copy counted as caught and this suite lost nothing.

expect: task3_hidden_1, task3_hidden_6
"""
# %% your_tests
import uuid

import pytest
from werkzeug.datastructures import Authorization

TOKEN = "pytest-idioms"


def build(tmp_path, **overrides):
    return create_app({"TESTING": True, "DATABASE": str(tmp_path / "n.sqlite"), "API_TOKEN": TOKEN, **overrides})


def run(client, method, path, token=TOKEN, **kwargs):
    """Send one request, with the bearer token unless token is None."""
    auth = Authorization("bearer", token=token) if token is not None else None
    return client.open(path, method=method, auth=auth, **kwargs)


@pytest.fixture(name="client")
def client_fixture(tmp_path, request):
    app = build(tmp_path, PAGE_SIZE=getattr(request, "param", 20))
    with app.test_client() as client:
        yield client


def titles(client, **query):
    return [n["title"] for n in run(client, "GET", "/notes", query_string=query).get_json()["notes"]]


@pytest.mark.parametrize("query", [pytest.param({}, id="no page"), pytest.param({"page": "1"}, id="page 1")])
def test_empty(client, query):
    reply = run(client, "GET", "/notes", token=None, query_string=query)
    assert reply.status_code == 200
    assert reply.get_json() == {"notes": [], "page": 1, "total": 0}


@pytest.mark.parametrize("client", [2], indirect=True)
def test_pagination(client):
    for title in "abcde":
        assert run(client, "POST", "/notes", json={"title": title}).status_code == 201
    assert titles(client) == titles(client, page=1) == ["a", "b"]
    assert titles(client, page=2) == ["c", "d"]
    assert titles(client, page=3) == ["e"]
    last = run(client, "GET", "/notes", query_string={"page": 4}).get_json()
    assert last == {"notes": [], "page": 4, "total": 5}
    assert run(client, "GET", "/notes?page=2").get_json()["page"] == 2


@pytest.mark.parametrize("page", ["0", "-5", "one", " 1"])
def test_bad_page(client, page):
    reply = run(client, "GET", "/notes", query_string={"page": page})
    assert reply.status_code == 400 and "error" in reply.get_json()


def test_read_one(client):
    made = run(client, "POST", "/notes", json={"title": "x", "body": "y"}).get_json()
    assert run(client, "GET", f"/notes/{made['id']}").get_json() == {"id": made["id"], "title": "x", "body": "y"}
    assert run(client, "GET", "/notes/4040").status_code == 404


def test_create(client):
    reply = run(client, "POST", "/notes", json={"title": "hello"})
    assert reply.status_code == 201
    assert reply.get_json() == {"id": reply.get_json()["id"], "title": "hello", "body": ""}
    assert run(client, "GET", reply.headers["Location"]).get_json() == reply.get_json()
    assert reply.headers["Location"] == f"/notes/{reply.get_json()['id']}"


@pytest.mark.parametrize("body", [{"title": ""}, {"title": ["x"]}, {"title": "x", "body": 3}, None])
def test_create_invalid(client, body):
    assert run(client, "POST", "/notes", json=body).status_code == 400
    assert run(client, "GET", "/notes").get_json()["total"] == 0


@pytest.mark.parametrize("token", [None])
@pytest.mark.parametrize("method", ["POST", "DELETE"])
def test_needs_the_token(client, method, token):
    note_id = run(client, "POST", "/notes", json={"title": "keep"}).get_json()["id"]
    path = "/notes" if method == "POST" else f"/notes/{note_id}"
    assert run(client, method, path, token=token, json={"title": "new"}).status_code == 401
    assert [n["id"] for n in run(client, "GET", "/notes").get_json()["notes"]] == [note_id]


def test_delete(client):
    note_id = run(client, "POST", "/notes", json={"title": "tmp"}).get_json()["id"]
    reply = run(client, "DELETE", f"/notes/{note_id}")
    assert (reply.status_code, reply.get_data(as_text=True)) == (204, "")
    assert run(client, "GET", f"/notes/{note_id}").status_code == 404
    assert run(client, "DELETE", f"/notes/{note_id}").status_code == 404


@pytest.mark.parametrize("method, path, token", [
    ("GET", "/notes", TOKEN), ("GET", "/notes/777", TOKEN), ("GET", "/notes?page=x", TOKEN),
    ("POST", "/notes", None),
])
def test_request_id_echoed(client, method, path, token):
    assert run(client, method, path, token=token, headers={"X-Request-Id": "Trace_9-z"}).headers["X-Request-Id"] == "Trace_9-z"


def test_new_ids_come_from_uuid4(client, monkeypatch):
    fresh = iter([uuid.UUID(int=1), uuid.UUID(int=2)])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(fresh))
    first = run(client, "GET", "/notes").headers["X-Request-Id"]
    second = run(client, "GET", "/notes", headers={"X-Request-Id": "has space"}).headers["X-Request-Id"]
    assert (first, second) == (uuid.UUID(int=1).hex, uuid.UUID(int=2).hex)


def test_import(client):
    reply = run(client, "POST", "/notes/import", json={"notes": [{"title": "p"}, {"title": "q"}]})
    assert reply.status_code == 201
    assert titles(client) == ["p", "q"]
    bad = run(client, "POST", "/notes/import", json={"notes": [{"title": "r"}, {"title": "  "}]})
    assert bad.status_code == 400
    assert titles(client) == ["p", "q"]

"""Shares one app and one database between all tests (scope="module") to save time.

Most tests compare before and after, so the suite is green in file order; but
the empty-database test passes only because it runs first, so the suite fails
when the order changes, and the short suite leaves many promised behaviours
(pagination edges, refused writes, the Bearer scheme) untested.

expect: task1_hidden, task2_hidden_1, task2_hidden_2, task2_hidden_3, task3_hidden_1, task3_hidden_3, task3_hidden_4, task3_hidden_6, task4_hidden_1
"""
# %% your_tests
import pytest

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = tmp_path_factory.mktemp("db") / "notes.sqlite"
    return create_app({"TESTING": True, "DATABASE": str(path), "API_TOKEN": TOKEN, "PAGE_SIZE": 2})


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def total(client):
    return client.get("/notes").json["total"]


def create(client, title="a note"):
    response = client.post("/notes", json={"title": title}, headers=AUTH)
    assert response.status_code == 201
    return response


def test_starts_empty(client):
    assert client.get("/notes").json == {"notes": [], "page": 1, "total": 0}


def test_every_note_is_on_exactly_one_page(client):
    for title in "abcde":
        create(client, title)
    count = total(client)
    seen = []
    for page in range(1, count // 2 + 2):
        notes = client.get(f"/notes?page={page}").json["notes"]
        assert len(notes) <= 2
        seen += [note["id"] for note in notes]
    assert seen == sorted(seen) and len(seen) == count


@pytest.mark.parametrize("page", ["0", "-3", "x"])
def test_bad_pages(client, page):
    assert client.get(f"/notes?page={page}").status_code == 400


def test_create_and_read_back(client):
    response = create(client, "read me")
    assert response.headers["Location"] == f"/notes/{response.json['id']}"
    assert client.get(response.headers["Location"]).json["title"] == "read me"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}])
def test_writes_need_the_token(client, headers):
    note_id = create(client).json["id"]
    before = total(client)
    assert client.post("/notes", json={"title": "x"}, headers=headers).status_code == 401
    assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401
    assert total(client) == before


def test_delete(client):
    note_id = create(client).json["id"]
    response = client.delete(f"/notes/{note_id}", headers=AUTH)
    assert (response.status_code, response.data) == (204, b"")
    assert client.get(f"/notes/{note_id}").status_code == 404


def test_request_ids(client):
    assert client.get("/notes", headers={"X-Request-Id": "abc"}).headers["X-Request-Id"] == "abc"
    assert client.get("/notes/999999", headers={"X-Request-Id": "abc"}).headers["X-Request-Id"] == "abc"
    generated = [client.get("/notes").headers["X-Request-Id"] for _ in range(2)]
    assert all(generated) and generated[0] != generated[1]


def test_import_is_all_or_nothing(client):
    before = total(client)
    assert client.post("/notes/import", json={"notes": [{"title": "ok"}, {}]}, headers=AUTH).status_code == 400
    assert total(client) == before
    assert client.post("/notes/import", json={"notes": [{"title": "ok"}]}, headers=AUTH).status_code == 201
    assert total(client) == before + 1

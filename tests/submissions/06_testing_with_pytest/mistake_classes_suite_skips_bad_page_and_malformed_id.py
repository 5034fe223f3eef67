"""A suite in classes (a `make_client` factory fixture and an `Api` helper class, flaskr's
AuthActions style) that never checks the JSON error for a bad page or sends a malformed id.

Apps with different page sizes come from the same factory fixture; the token
lives in one place; databases come from tempfile, not tmp_path.

expect: task2_hidden_2, task4_hidden_1
"""
# %% your_tests
import os
import tempfile

import pytest


class Api:
    """The calls a client of the Notes API makes, with or without the token."""

    token = "tok-42"

    def __init__(self, client):
        self.client = client

    def headers(self, token=None):
        return {"Authorization": f"Bearer {token or self.token}"}

    def create(self, title="note", body="", **kwargs):
        return self.client.post("/notes", json={"title": title, "body": body}, **kwargs)

    def created_id(self, title="note"):
        response = self.create(title, headers=self.headers())
        assert response.status_code == 201, response.json
        return response.json["id"]

    def listing(self, page=None):
        return self.client.get("/notes", query_string={} if page is None else {"page": page})


@pytest.fixture
def make_client():
    files = []

    def make(**config):
        fd, path = tempfile.mkstemp(suffix=".sqlite")
        os.close(fd)
        files.append(path)
        app = create_app({"TESTING": True, "DATABASE": path, "API_TOKEN": Api.token, **config})
        return app.test_client()

    yield make
    for path in files:
        os.unlink(path)


@pytest.fixture
def api(make_client):
    return Api(make_client())


class TestReading:
    def test_empty(self, api):
        response = api.listing()
        assert (response.status_code, response.json) == (200, {"notes": [], "page": 1, "total": 0})

    def test_pages(self, make_client):
        api = Api(make_client(PAGE_SIZE=3))
        ids = [api.created_id(f"n{i}") for i in range(7)]
        pages = [api.listing(page).json for page in (1, 2, 3, 4)]
        assert [[n["id"] for n in p["notes"]] for p in pages] == [ids[:3], ids[3:6], ids[6:], []]
        assert [p["page"] for p in pages] == [1, 2, 3, 4]
        assert {p["total"] for p in pages} == {7}

    @pytest.mark.parametrize("page", [0, -2, "two"])
    def test_bad_page(self, api, page):
        assert api.listing(page).status_code == 400

    def test_one_note_and_a_missing_one(self, api):
        note_id = api.created_id("hello")
        assert api.client.get(f"/notes/{note_id}").json == {"id": note_id, "title": "hello", "body": ""}
        assert api.client.get(f"/notes/{note_id + 1}").status_code == 404


class TestWriting:
    def test_create(self, api):
        response = api.create("title", "body", headers=api.headers())
        assert response.status_code == 201
        assert response.json == {"id": response.json["id"], "title": "title", "body": "body"}
        assert response.headers["Location"].endswith(f"/notes/{response.json['id']}")

    def test_invalid_note(self, api):
        assert api.create("", headers=api.headers()).status_code == 400
        assert api.listing().json["total"] == 0

    def test_delete(self, api):
        note_id = api.created_id()
        response = api.client.delete(f"/notes/{note_id}", headers=api.headers())
        assert response.status_code == 204 and not response.data
        assert api.client.get(f"/notes/{note_id}").status_code == 404
        assert api.client.delete(f"/notes/{note_id}", headers=api.headers()).status_code == 404


class TestToken:
    @pytest.fixture(params=["none", "wrong", "no scheme"])
    def bad_headers(self, request, api):
        return {"none": {}, "wrong": api.headers("other"), "no scheme": {"Authorization": api.token}}[request.param]

    def test_create_refused(self, api, bad_headers):
        assert api.create(headers=bad_headers).status_code == 401
        assert api.listing().json["total"] == 0

    def test_delete_refused(self, api, bad_headers):
        note_id = api.created_id()
        assert api.client.delete(f"/notes/{note_id}", headers=bad_headers).status_code == 401
        assert api.client.get(f"/notes/{note_id}").status_code == 200


class TestRequestId:
    def test_echo_on_success_and_errors(self, api):
        for path in ("/notes", "/notes/12345", "/notes?page=0"):
            assert api.client.get(path, headers={"X-Request-Id": "req-1"}).headers["X-Request-Id"] == "req-1"
        refused = api.create(headers={"X-Request-Id": "req-2"})
        assert (refused.status_code, refused.headers["X-Request-Id"]) == (401, "req-2")

    def test_fresh_ids(self, api):
        ids = {api.listing().headers["X-Request-Id"] for _ in range(3)}
        assert len(ids) == 3 and "" not in ids


class TestImport:
    def test_good_batch(self, api):
        response = api.client.post("/notes/import", json={"notes": [{"title": "x"}, {"title": "y"}]},
                                   headers=api.headers())
        assert response.status_code == 201
        assert [n["id"] for n in api.listing().json["notes"]] == response.json["ids"]

    def test_bad_batch_stores_nothing(self, api):
        api.created_id("before")
        batch = {"notes": [{"title": "x"}, {"title": None}]}
        assert api.client.post("/notes/import", json=batch, headers=api.headers()).status_code == 400
        assert [n["title"] for n in api.listing().json["notes"]] == ["before"]

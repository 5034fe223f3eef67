"""unittest.TestCase classes run by pytest: setUp builds the app in a TemporaryDirectory
(cleaned up with addCleanup), self.assert* methods, subTest loops; the X-Request-Id echo is
tested on POST and DELETE requests (and on their 401s), never on a GET.

expect: full marks
"""
# %% your_tests
import tempfile
import unittest
from pathlib import Path

import pytest

SECRET = "unit-token"


class NotesCase(unittest.TestCase):
    page_size = 3

    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.app = create_app({
            "TESTING": True,
            "DATABASE": str(Path(folder.name) / "notes.db"),
            "API_TOKEN": SECRET,
            "PAGE_SIZE": self.page_size,
        })
        self.client = self.app.test_client()
        self.auth = {"Authorization": "Bearer " + SECRET}

    def add(self, title, body=""):
        reply = self.client.post("/notes", json={"title": title, "body": body}, headers=self.auth)
        self.assertEqual(reply.status_code, 201, reply.get_json())
        return reply.get_json()["id"]

    def total(self):
        return self.client.get("/notes").get_json()["total"]


class TestListing(NotesCase):
    def test_empty(self):
        reply = self.client.get("/notes")
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.get_json(), {"notes": [], "page": 1, "total": 0})

    def test_pages(self):
        ids = [self.add(f"note {i}") for i in range(5)]
        expected = {1: ids[:3], 2: ids[3:], 3: []}
        for number, page_ids in expected.items():
            with self.subTest(page=number):
                reply = self.client.get(f"/notes?page={number}")
                self.assertEqual(reply.status_code, 200)
                data = reply.get_json()
                self.assertEqual([n["id"] for n in data["notes"]], page_ids)
                self.assertEqual((data["page"], data["total"]), (number, 5))
        self.assertEqual(self.client.get("/notes").get_json(), self.client.get("/notes?page=1").get_json())

    def test_bad_pages(self):
        for page in ("0", "-3", "x", "2.0"):
            with self.subTest(page=page):
                reply = self.client.get("/notes", query_string={"page": page})
                self.assertEqual(reply.status_code, 400)
                self.assertIn("error", reply.get_json())

    def test_one_note(self):
        note_id = self.add("Beans", "Arabica")
        self.assertEqual(self.client.get(f"/notes/{note_id}").get_json(),
                         {"id": note_id, "title": "Beans", "body": "Arabica"})
        self.assertEqual(self.client.get(f"/notes/{note_id + 100}").status_code, 404)


class TestWrites(NotesCase):
    bad = ({}, {"Authorization": "Bearer nope"}, {"Authorization": SECRET}, {"Authorization": "Basic " + SECRET})

    def test_create(self):
        reply = self.client.post("/notes", json={"title": "T", "body": "B"}, headers=self.auth)
        self.assertEqual(reply.status_code, 201)
        note = reply.get_json()
        self.assertEqual((note["title"], note["body"]), ("T", "B"))
        self.assertEqual(reply.headers["Location"], f"/notes/{note['id']}")

    def test_create_invalid(self):
        for body in ({"title": "  "}, {"title": None}, {"body": "x"}, "just a string"):
            with self.subTest(body=body):
                self.assertEqual(self.client.post("/notes", json=body, headers=self.auth).status_code, 400)
        self.assertEqual(self.total(), 0)

    def test_delete(self):
        note_id = self.add("bye")
        reply = self.client.delete(f"/notes/{note_id}", headers=self.auth)
        self.assertEqual(reply.status_code, 204)
        self.assertEqual(reply.data, b"")
        self.assertEqual(self.client.get(f"/notes/{note_id}").status_code, 404)
        self.assertEqual(self.client.delete(f"/notes/{note_id}", headers=self.auth).status_code, 404)

    def test_refused_without_the_token(self):
        note_id = self.add("stays")
        for headers in self.bad:
            with self.subTest(headers=headers):
                self.assertEqual(self.client.post("/notes", json={"title": "no"}, headers=headers).status_code, 401)
                self.assertEqual(self.client.delete(f"/notes/{note_id}", headers=headers).status_code, 401)
        self.assertEqual(self.total(), 1)
        self.assertEqual(self.client.get(f"/notes/{note_id}").status_code, 200)


class TestRequestId(NotesCase):
    def test_echoed_on_writes_and_their_errors(self):
        created = self.client.post("/notes", json={"title": "a"}, headers={**self.auth, "X-Request-Id": "w-1"})
        self.assertEqual(created.headers["X-Request-Id"], "w-1")
        gone = self.client.delete(f"/notes/{created.get_json()['id']}", headers={**self.auth, "X-Request-Id": "w-2"})
        self.assertEqual(gone.headers["X-Request-Id"], "w-2")
        for reply, status in (
            (self.client.post("/notes", json={"title": "a"}, headers={"X-Request-Id": "e-1"}), 401),
            (self.client.post("/notes", json={}, headers={**self.auth, "X-Request-Id": "e-2"}), 400),
            (self.client.delete("/notes/999", headers={**self.auth, "X-Request-Id": "e-3"}), 404),
        ):
            self.assertEqual(reply.status_code, status)
            self.assertEqual(reply.headers.get("X-Request-Id"), reply.request.headers["X-Request-Id"])

    def test_generated(self):
        seen = [self.client.get("/notes").headers.get("X-Request-Id") for _ in range(2)]
        bad = self.client.post("/notes", json={"title": "a"}, headers={**self.auth, "X-Request-Id": "bad id"})
        seen.append(bad.headers.get("X-Request-Id"))
        self.assertTrue(all(seen))
        self.assertEqual(len(set(seen)), 3)
        self.assertNotIn("bad id", seen)


class TestImport(NotesCase):
    def test_batch(self):
        reply = self.client.post("/notes/import", json={"notes": [{"title": "1"}, {"title": "2", "body": "b"}]},
                                 headers=self.auth)
        self.assertEqual(reply.status_code, 201)
        listed = self.client.get("/notes").get_json()["notes"]
        self.assertEqual([n["id"] for n in listed], reply.get_json()["ids"])

    def test_bad_batch(self):
        reply = self.client.post("/notes/import", json={"notes": [{"title": "1"}, {"title": 2}]}, headers=self.auth)
        self.assertEqual(reply.status_code, 400)
        self.assertEqual(self.total(), 0)

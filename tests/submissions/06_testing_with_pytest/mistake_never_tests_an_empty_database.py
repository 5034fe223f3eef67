"""Never looks at a new, empty database: it checks that nothing was stored by asking
for note 1, so a service that answers 404 for an empty list goes unnoticed.

expect: task1_hidden_2
"""
# %% your_tests
# - def test_new_database_has_no_notes(client):
# -     response = client.get("/notes")
# -     assert response.status_code == 200
# -     assert response.json == {"notes": [], "page": 1, "total": 0}
# -
# +
# -     response = client.post("/notes", json=payload, headers=auth_headers)
# -     assert response.status_code == 400
# -     assert client.get("/notes").json["total"] == 0
# +     response = client.post("/notes", json=payload, headers=auth_headers)
# +     assert response.status_code == 400
# +     assert client.get("/notes/1").status_code == 404
# -     assert response.status_code == 401
# -     assert client.get("/notes").json["total"] == 0
# +     assert response.status_code == 401
# +     assert client.get("/notes/1").status_code == 404
# -     response = client.post("/notes/import", json=batch, headers=auth_headers)
# -     assert response.status_code == 400
# -     assert client.get("/notes").json["total"] == 0
# +     response = client.post("/notes/import", json=batch, headers=auth_headers)
# +     assert response.status_code == 400
# +     assert client.get("/notes/1").status_code == 404

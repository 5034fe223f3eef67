"""Tests that a batch with a bad note answers 400, but never looks at what was stored.

expect: task5_hidden
"""
# %% your_tests
# -     response = client.post("/notes/import", json=batch, headers=auth_headers)
# -     assert response.status_code == 400
# -     assert client.get("/notes").json["total"] == 0
# +     response = client.post("/notes/import", json=batch, headers=auth_headers)
# +     assert response.status_code == 400
# +     assert "error" in response.json

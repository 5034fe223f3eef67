"""Checks that a write without a valid token answers 401, never that nothing changed.

expect: task3_hidden_1
"""
# %% your_tests
# -     assert response.status_code == 401
# -     assert client.get("/notes").json["total"] == 0
# +     assert response.status_code == 401
# -     assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401
# -     assert client.get(f"/notes/{note_id}").status_code == 200
# +     assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401

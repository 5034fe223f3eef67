"""Checks that a batch with a bad note stores nothing, never that it answers 400.

expect: task5_hidden
"""
# %% your_tests
# -     response = client.post("/notes/import", json=batch, headers=auth_headers)
# -     assert response.status_code == 400
# -
# +     response = client.post("/notes/import", json=batch, headers=auth_headers)
# +

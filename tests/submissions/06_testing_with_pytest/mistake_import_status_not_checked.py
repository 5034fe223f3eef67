"""Accepts 200 or 201 for a valid batch.

expect: task5_hidden
"""
# %% your_tests
# -     response = client.post("/notes/import", json={"notes": [{"title": "a"}, {"title": "b"}]}, headers=auth_headers)
# -     assert response.status_code == 201
# +     response = client.post("/notes/import", json={"notes": [{"title": "a"}, {"title": "b"}]}, headers=auth_headers)
# +     assert response.status_code in (200, 201)

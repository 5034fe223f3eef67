"""Always sends ?page=1 when it reads the first page, so the default page is never tested.

expect: task2_hidden_1
"""
# %% your_tests
# - def test_new_database_has_no_notes(client):
# -     response = client.get("/notes")
# + def test_new_database_has_no_notes(client):
# +     response = client.get("/notes?page=1")
# -     first = client.get("/notes").json
# +     first = client.get("/notes", query_string={"page": 1}).json
# -     listed = client.get("/notes").json
# +     listed = client.get("/notes?page=1").json

"""Checks a fetched note by its title (and id) only, never its body.

expect: task2_hidden_3
"""
# %% your_tests
# -     assert response.json == {"id": created["id"], "title": "Milk", "body": "2 litres"}
# +     assert response.json["title"] == "Milk"
# -     assert client.get(response.headers["Location"]).json == note
# +     assert client.get(response.headers["Location"]).json["id"] == note["id"]

"""Checks that POST /notes answers an id and a Location, never that it answers the note itself.

expect: task3_hidden_3
"""
# %% your_tests
# -     assert note["title"] == "Call Ana" and note["body"] == "about the demo"
# +     assert "id" in note
# -     assert client.get(response.headers["Location"]).json == note
# +     assert client.get(response.headers["Location"]).json["id"] == note["id"]

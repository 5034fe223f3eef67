"""One table of (request, expected status) cases plus tests that read the SQLite file
directly, but nothing checks that creating a note answers the note.

Fixture chain db_path -> app (yield) -> client -> seeded; state is checked in
the database itself rather than through the API.

expect: task3_hidden_3
base: alternative_table_driven_checking_the_created_note
"""
# %% your_tests
# -     assert rows(db_path) == [(reply.json["id"], "new")]
# -     assert reply.json == {"id": reply.json["id"], "title": "new", "body": "text"}
# +     assert rows(db_path) == [(reply.json["id"], "new")]

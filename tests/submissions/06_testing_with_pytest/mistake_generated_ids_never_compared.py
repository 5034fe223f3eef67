"""Checks that a request without an id gets a non-empty one, never that two requests get different ids.

expect: task4_hidden_1
"""
# %% your_tests
# -     first = client.get("/notes").headers.get("X-Request-Id")
# -     second = client.get("/notes").headers.get("X-Request-Id")
# -     assert first and second and first != second
# +     for _ in range(2):
# +         assert client.get("/notes").headers.get("X-Request-Id")

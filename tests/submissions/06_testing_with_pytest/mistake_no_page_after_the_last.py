"""Never asks for a page after the last one.

expect: task2_hidden_1
"""
# %% your_tests
# - def test_a_page_after_the_last_is_empty(client, add_notes):
# -     add_notes("only")
# -     response = client.get("/notes?page=2")
# -     assert response.status_code == 200
# -     assert response.json == {"notes": [], "page": 2, "total": 1}
# -
# +

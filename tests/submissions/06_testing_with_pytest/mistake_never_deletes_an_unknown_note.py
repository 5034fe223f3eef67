"""Never sends DELETE for a note that does not exist.

expect: task3_hidden_4
"""
# %% your_tests
# - def test_delete_an_unknown_note_is_404(client, auth_headers):
# -     assert client.delete("/notes/42", headers=auth_headers).status_code == 404
# -
# +

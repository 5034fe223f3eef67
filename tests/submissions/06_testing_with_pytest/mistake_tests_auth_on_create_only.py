"""Tests the token on POST /notes only; DELETE is only ever sent with the token.

expect: task3_hidden_2
"""
# %% your_tests
# - @pytest.mark.parametrize("headers", BAD_AUTH)
# - def test_delete_needs_the_token(client, add_notes, headers):
# -     [note_id] = add_notes("keep me")
# -     assert client.delete(f"/notes/{note_id}", headers=headers).status_code == 401
# -     assert client.get(f"/notes/{note_id}").status_code == 200
# -
# -
# - def test_a_request_id_is_echoed(client):
# + def test_a_request_id_is_echoed(client):

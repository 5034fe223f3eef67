"""Never sends GET /notes/<id> for a note that does not exist; a deleted note is
checked through the list instead.

expect: task2_hidden_3
"""
# %% your_tests
# - def test_an_unknown_note_is_404(client):
# -     response = client.get("/notes/42")
# -     assert response.status_code == 404
# -     assert "error" in response.json
# -
# +
# -     assert response.data == b""
# -     assert client.get(f"/notes/{note_id}").status_code == 404
# +     assert response.data == b""
# +     assert client.get("/notes").json["total"] == 0
# - @pytest.mark.parametrize("method, path", [("GET", "/notes/42"), ("GET", "/notes?page=0"), ("POST", "/notes")])
# + @pytest.mark.parametrize("method, path", [("DELETE", "/notes/42"), ("GET", "/notes?page=0"), ("POST", "/notes")])

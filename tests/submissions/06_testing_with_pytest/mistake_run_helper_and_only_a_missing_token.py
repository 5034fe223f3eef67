"""Sends every request through a helper called run(); tests the write endpoints without a token,
never with a wrong one, so an auth check that accepts any bearer token goes unnoticed. Before
test cells were kept from binding global names, the check cells' own `run` replaced this helper
while the broken copies ran, so every copy counted as caught and this suite lost nothing.

expect: task3_hidden_1, task3_hidden_6
base: alternative_pytest_idioms_and_run_helper
"""
# %% your_tests
# - @pytest.mark.parametrize("token", [None, "", "nope", TOKEN + "x"])
# + @pytest.mark.parametrize("token", [None])

# -     assert [n["id"] for n in run(client, "GET", "/notes").get_json()["notes"]] == [note_id]
# -
# -
# - def test_token_without_bearer_scheme(client):
# -     reply = client.post("/notes", json={"title": "x"}, headers={"Authorization": f"Token {TOKEN}"})
# -     assert reply.status_code == 401
# +     assert [n["id"] for n in run(client, "GET", "/notes").get_json()["notes"]] == [note_id]

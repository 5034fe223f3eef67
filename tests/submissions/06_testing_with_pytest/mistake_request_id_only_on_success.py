"""Tests the X-Request-Id header on successful responses only.

expect: task4_hidden_2
"""
# %% your_tests
# - @pytest.mark.parametrize("method, path", [("GET", "/notes/42"), ("GET", "/notes?page=0"), ("POST", "/notes")])
# - def test_error_responses_carry_the_request_id_too(client, method, path):
# -     response = client.open(path, method=method, headers={"X-Request-Id": "trace-err"})
# -     assert response.status_code >= 400
# -     assert response.headers.get("X-Request-Id") == "trace-err"
# -
# -
# - def test_import_stores_every_note(client, auth_headers):
# + def test_import_stores_every_note(client, auth_headers):

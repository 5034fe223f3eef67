"""A suite in classes (a `make_client` factory fixture and an `Api` helper class, flaskr's
AuthActions style) that never checks the JSON error for a bad page or sends a malformed id.

Apps with different page sizes come from the same factory fixture; the token
lives in one place; databases come from tempfile, not tmp_path.

expect: task2_hidden_2, task4_hidden_1
base: alternative_classes_with_json_errors_and_malformed_ids
"""
# %% your_tests
# -         response = api.listing(page)
# -         assert response.status_code == 400
# -         assert isinstance(response.json, dict) and response.json.get("error")
# +         assert api.listing(page).status_code == 400

# -     def test_malformed_ids_are_replaced(self, api):
# -         for bad in ("has space", "x" * 65, "semi;colon"):
# -             got = api.client.get("/notes", headers={"X-Request-Id": bad}).headers["X-Request-Id"]
# -             assert got and got != bad
# -
# -
# +

"""Asserts that a new request id is a dashed UUID; the service sends 32 hex digits, so that test fails.

A red suite loses the check that needs every test to pass; the other tests still catch every
broken copy, so nothing else is lost.

expect: task1_visible
"""
# %% your_tests
# - import pytest
# + import pytest
# +
# + import uuid

# - def test_a_malformed_request_id_is_replaced(client):
# + def test_a_new_id_is_a_uuid(client):
# +     new_id = client.get("/notes").headers.get("X-Request-Id")
# +     assert str(uuid.UUID(new_id)) == new_id  # expects the dashed UUID form, the service sends hex
# +
# +
# + def test_a_malformed_request_id_is_replaced(client):

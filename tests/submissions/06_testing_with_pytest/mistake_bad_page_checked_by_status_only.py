"""Checks that a bad page answers 400, never that the error is JSON.

expect: task2_hidden_2
"""
# %% your_tests
# -     assert response.status_code == 400
# -     assert "error" in response.json
# -
# -
# - def test_get_one_note
# +     assert response.status_code == 400
# +
# +
# + def test_get_one_note

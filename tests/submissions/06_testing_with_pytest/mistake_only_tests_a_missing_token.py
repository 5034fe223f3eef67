"""Tests the write endpoints without an Authorization header, never with a wrong token.

An auth check that accepts any bearer token goes unnoticed.

expect: task3_hidden_1, task3_hidden_6
"""
# %% your_tests
# - BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]
# + BAD_AUTH = [{}]  # no Authorization header

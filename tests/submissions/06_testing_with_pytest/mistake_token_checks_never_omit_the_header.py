"""Tests wrong tokens and malformed headers, never a write without an Authorization header.

expect: task3_hidden_1
"""
# %% your_tests
# - BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]
# + BAD_AUTH = [{"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]

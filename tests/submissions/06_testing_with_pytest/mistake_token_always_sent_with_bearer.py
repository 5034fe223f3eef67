"""Tests a missing header, a wrong bearer token and an empty one, but never the token
without the Bearer scheme.

expect: task3_hidden_6
"""
# %% your_tests
# - BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": TOKEN}, {"Authorization": "Bearer "}]
# + BAD_AUTH = [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": "Bearer "}]

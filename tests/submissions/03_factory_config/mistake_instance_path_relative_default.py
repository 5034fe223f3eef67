"""Gives instance_path the default "instance" instead of None; Flask accepts
only an absolute instance path, so create_app(test_config) without one fails.

expect: task2_hidden
"""
# %% your_app
# - def create_app(test_config=None, instance_path=None):
# + def create_app(test_config=None, instance_path="instance"):

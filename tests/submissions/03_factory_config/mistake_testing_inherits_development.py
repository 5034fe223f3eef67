"""Derives TestingConfig from DevelopmentConfig and forgets to turn DEBUG
off again, so the testing environment runs with DEBUG = True.

expect: task1_hidden
"""
# %% your_app
# - class TestingConfig(Config):
# + class TestingConfig(DevelopmentConfig):

"""Takes the default database as a default argument,
create_app(test_config=None, database=FakeDatabase()): Python evaluates it
once, so every app built without a DATABASE shares one database.

expect: task1_hidden
"""
# %% your_app
# - def create_app(test_config=None):
# + def create_app(test_config=None, database=FakeDatabase()):

# -         DATABASE=FakeDatabase(),
# +         DATABASE=database,

"""Serves SEED_BOOKS directly and never applies test_config.

expect: task1_hidden
"""
# %% your_app
# -     app.config.from_mapping(BOOKS=SEED_BOOKS)
# -     if test_config is not None:
# -         app.config.update(test_config)
# +     app.config.from_mapping(BOOKS=SEED_BOOKS)

# -     books = {book["id"]: dict(book) for book in deepcopy(app.config["BOOKS"])}
# +     books = {book["id"]: dict(book) for book in deepcopy(SEED_BOOKS)}

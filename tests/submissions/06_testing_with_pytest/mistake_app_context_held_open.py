"""Yields the app inside `with app.app_context()`, so every request of a test shares one
application context and one SQLite connection: a delete that is never committed still looks
done to the next request of the same test.

expect: task3_hidden_5, task5_hidden
"""
# %% your_tests
# -     return create_app({
# +     app = create_app({

# -     })
# +     })
# +     # Keep a context open so tests can use current_app and g if they need to.
# +     with app.app_context():
# +         yield app

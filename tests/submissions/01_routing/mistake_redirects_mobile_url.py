"""Leaves strict slashes on: /books/1/ is a 404 for the mobile client.

expect: task4_hidden
"""
# %% your_app
# -     @app.get("/books/<int:book_id>", strict_slashes=False)
# +     @app.get("/books/<int:book_id>")

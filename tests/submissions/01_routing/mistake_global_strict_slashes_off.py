"""Turns strict slashes off for the whole URL map instead of for the detail
rule: /books/1/ works, but /authors no longer redirects and /health/ answers 200.

One setting, two behaviours of task 4 (the redirect, and nothing else changing).

expect: task4_visible, task4_hidden
"""
# %% your_app
# -     app.url_map.converters["isbn"] = IsbnConverter
# +     app.url_map.converters["isbn"] = IsbnConverter
# +     app.url_map.strict_slashes = False

# -     @app.get("/books/<int:book_id>", strict_slashes=False)
# +     @app.get("/books/<int:book_id>")

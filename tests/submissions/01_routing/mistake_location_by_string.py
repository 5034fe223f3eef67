"""Builds the Location of a new book with an f-string instead of url_for, so
it is wrong as soon as the app is mounted under a path prefix.

expect: task3_hidden
"""
# %% your_app
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 201, {"Location": f"/books/{book['id']}"}

"""Answers POST /books with 200 instead of 201 Created.

expect: task3_visible
"""
# %% your_app
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}

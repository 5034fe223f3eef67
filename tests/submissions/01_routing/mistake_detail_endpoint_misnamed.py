"""Names the detail view get_book, so its endpoint is not book_detail and
url_for("book_detail", book_id=3) cannot build (it builds its own Location
with url_for("get_book", ...)).

expect: task2_hidden
"""
# %% your_app
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 201, {"Location": url_for("get_book", book_id=book["id"])}
# -     def book_detail(book_id):
# +     def get_book(book_id):

"""Answers POST /books with 200 (not 201) and rewrote task 3's visible test to `pass`.

The locked cell is restored as released, so the real test runs and fails:
task 3 loses its visible points, the rest is full.

exercise: 01_routing
expect: lose task3
flags: locked cells edited
"""
# %% your_app
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}
# %% task3_visible
pass

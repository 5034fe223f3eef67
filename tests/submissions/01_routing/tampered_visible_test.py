"""Returns 200 on create and rewrites the locked visible test of task 3 to pass.

nbgrader must restore the test cell from the gradebook and grade the original.

expect: task3_visible
"""
# %% your_app
# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}
# %% task3_visible
assert True

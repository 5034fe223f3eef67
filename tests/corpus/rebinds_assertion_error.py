"""Rebinds the name AssertionError in the answer cell, with POST /books answering 200.

An `assert` statement and the checks raise the real AssertionError whatever
the name means in the notebook, so the rebinding changes nothing: task 3's
visible cell fails as it should, and nothing is flagged.

exercise: 01_routing
expect: lose task3
flags: none
"""
# %% your_app
# - from copy import deepcopy
# + AssertionError = type("AssertionError", (Exception,), {})
# +
# + from copy import deepcopy

# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}

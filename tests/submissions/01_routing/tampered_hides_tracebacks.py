"""Returns 200 on create, then replaces IPython's showtraceback so that a
failing test cell shows no error output.

nbgrader already records the error from the kernel's reply; the integrity
check also fails every auto-graded cell, so that a person grades it.

expect: task1_visible, task1_hidden, task2_visible, task2_hidden, task3_visible, task3_hidden, task4_visible, task4_hidden, task5_visible, task5_hidden
"""
# %% your_app
# - from copy import deepcopy
# + from IPython import get_ipython
# +
# + get_ipython().showtraceback = lambda *args, **kwargs: None
# +
# + from copy import deepcopy

# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}

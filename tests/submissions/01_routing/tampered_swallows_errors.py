"""Returns 200 on create, then hides every exception of later cells from the
grader with IPython's custom exception hook, so failing tests print nothing.

nbgrader already records the error from the kernel's reply; the integrity
check also fails every auto-graded cell, so that a person grades it.

expect: task1_visible, task1_hidden, task2_visible, task2_hidden, task3_visible, task3_hidden, task4_visible, task4_hidden, task5_visible, task5_hidden
"""
# %% your_app
# - from copy import deepcopy
# + from IPython import get_ipython
# +
# + get_ipython().set_custom_exc((BaseException,), lambda shell, etype, value, tb, tb_offset=None: None)
# +
# + from copy import deepcopy

# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}

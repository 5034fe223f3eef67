"""Returns 200 on create, then wraps IPython's run_cell to clear every error and
silences showtraceback: plain nbgrader would give this notebook full marks.

The integrity check must fail every auto-graded cell so that a person grades it.

expect: task1_visible, task1_hidden, task2_visible, task2_hidden, task3_visible, task3_hidden, task4_visible, task4_hidden, task5_visible, task5_hidden
"""
# %% your_app
# - from copy import deepcopy
# + from IPython import get_ipython
# +
# + _shell = get_ipython()
# + _shell.showtraceback = lambda *args, **kwargs: None
# + _real = _shell.run_cell_async
# + async def _quiet(*args, **kwargs):
# +     result = await _real(*args, **kwargs)
# +     result.error_in_exec = None
# +     return result
# + _shell.run_cell_async = _quiet
# + _real_sync = _shell.run_cell
# + def _quiet_sync(*args, **kwargs):
# +     result = _real_sync(*args, **kwargs)
# +     result.error_in_exec = None
# +     return result
# + _shell.run_cell = _quiet_sync
# +
# + from copy import deepcopy

# -         return jsonify(book), 201, {"Location": url_for("book_detail", book_id=book["id"])}
# +         return jsonify(book), 200, {"Location": url_for("book_detail", book_id=book["id"])}

"""Answers an unknown ISBN with abort(404), Flask's HTML page, instead of the
JSON 404 of task 2.

expect: task5_hidden
"""
# %% your_app
# -                 return book
# -         return not_found()
# +                 return book
# +         abort(404)

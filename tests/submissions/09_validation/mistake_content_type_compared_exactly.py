"""Compares the Content-Type header with "application/json" as a string, so application/json; charset=utf-8 gets a 415.

expect: task2_hidden
"""
# %% your_app
# -         if not request.is_json:
# +         if request.content_type != "application/json":

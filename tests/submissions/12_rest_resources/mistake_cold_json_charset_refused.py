"""PATCH compares request.content_type (with its parameters) to the two types, so "application/json; charset=utf-8"
gets 415. Breaks "also application/json, with or without a charset parameter".

expect: task3_hidden
base: alternative_cold_functions
"""
# %% your_app
# -         if request.mimetype not in (MERGE_PATCH, "application/json"):
# +         if request.content_type not in (MERGE_PATCH, "application/json"):

"""Checks request.is_json, which is true for every application/*+json type: a JSON Patch document
(application/json-patch+json) gets 400 instead of 415.

expect: task3_hidden
"""
# %% your_app
# -         if request.mimetype not in (MERGE_PATCH, "application/json"):
# +         if not request.is_json:

"""Parses limit with int() inside try/except, so 0 and negative limits are served (and limit=0 crashes).

expect: task1_hidden
"""
# %% your_app
# -     if not re.fullmatch("[0-9]+", raw) or int(raw) < 1:
# -         abort(400, description="limit must be a positive integer")
# -     return min(int(raw), MAX_LIMIT)
# +     try:
# +         return min(int(raw), MAX_LIMIT)
# +     except ValueError:
# +         abort(400, description="limit must be a number")

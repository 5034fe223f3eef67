"""Keeps only the created time of the last payment in the cursor, so payments that share it with
the page's last one are skipped.

expect: task2_hidden
"""
# %% your_app
# -             rows = [p for p in rows if sort_key(p) < (position["created"], position["id"])]
# +             rows = [p for p in rows if p["created"] < position["created"]]

"""Gives a new book the id len(books) + 1, which reuses an existing id once a
book has been deleted (and overwrites that book).

expect: task3_hidden
"""
# %% your_app
# -         book = {"id": max(books, default=0) + 1, **{f: data[f] for f in fields}}
# +         book = {"id": len(books) + 1, **{f: data[f] for f in fields}}

"""Raises TypeError in GET /authors/ (sorts a mix of names and None).

The exception must cost task 4's visible cell only, with a message that
names the request and the candidate's line.

expect: task4_visible, task4_hidden
"""
# %% your_app
# -         return jsonify(sorted({book["author"] for book in books.values()}))
# +         return jsonify(sorted([book["author"] for book in books.values()] + [None]))

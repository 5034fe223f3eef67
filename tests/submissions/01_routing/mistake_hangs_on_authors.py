"""Loops forever in GET /authors/ when a name repeats.

The check stops the request after its time limit; only task 4's visible
cell may lose points, and the notebook goes on.

expect: task4_visible, task4_hidden
"""
# %% your_app
# -         return jsonify(sorted({book["author"] for book in books.values()}))
# +         names = [book["author"] for book in books.values()]
# +         while len(set(names)) != len(names):
# +             pass  # meant to remove duplicates, never does
# +         return jsonify(sorted(names))

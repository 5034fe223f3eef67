"""Creates a book from whatever JSON arrives, even without an author.

expect: task3_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)
# -         fields = ("title", "author", "isbn")
# -         if not isinstance(data, dict) or not all(isinstance(data.get(f), str) and data[f] for f in fields):
# -             return jsonify(error="title, author and isbn are required strings"), 400
# -         book = {"id": max(books, default=0) + 1, **{f: data[f] for f in fields}}
# +         data = request.get_json(silent=True) or {}
# +         fields = ("title", "author", "isbn")
# +         book = {"id": max(books, default=0) + 1, **{f: data.get(f) for f in fields}}

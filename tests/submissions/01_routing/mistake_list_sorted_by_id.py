"""Lists the books sorted by id instead of in the order of app.config["BOOKS"],
so a catalogue given out of id order comes back reordered.

expect: task1_hidden
"""
# %% your_app
# -         return jsonify(list(books.values()))
# +         return jsonify(sorted(books.values(), key=lambda b: b["id"]))

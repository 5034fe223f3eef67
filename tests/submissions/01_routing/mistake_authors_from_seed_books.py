"""Lists the authors of SEED_BOOKS in GET /authors/ instead of those of the
app's catalogue, so a catalogue given in test_config is ignored there.

expect: task4_hidden
"""
# %% your_app
# -         return jsonify(sorted({book["author"] for book in books.values()}))
# +         return jsonify(sorted({book["author"] for book in SEED_BOOKS}))

"""Two copies of the answer cell; the second one has no /authors/ route.

Both copies run in order right after each other, so the second defines the
create_app every test uses: task 4's visible cell (GET /authors/) fails, its
hidden cell (/books/<id>/) passes; the rest is full.

exercise: 01_routing
expect: lose task4
flags: answer cells duplicated
"""
# %% duplicate your_app
# -     @app.get("/authors/")
# -     def author_list():
# -         return jsonify(sorted({book["author"] for book in books.values()}))
# -
# -     return app
# +     return app

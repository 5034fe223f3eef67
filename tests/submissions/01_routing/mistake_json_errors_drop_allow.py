"""Turns every HTTP error into JSON with a generic HTTPException handler that
builds a new response, so the 405 loses Flask's Allow header.

expect: task3_hidden
"""
# %% your_app
# -     books = {book["id"]: dict(book) for book in deepcopy(app.config["BOOKS"])}
# +     books = {book["id"]: dict(book) for book in deepcopy(app.config["BOOKS"])}
# +
# +     from werkzeug.exceptions import HTTPException
# +
# +     @app.errorhandler(HTTPException)
# +     def json_error(error):
# +         return jsonify(error=error.description), error.code

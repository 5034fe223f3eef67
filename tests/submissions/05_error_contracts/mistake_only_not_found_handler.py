"""Registers the problem handler for 404 only, so 405, 403, 418 and 429 keep Flask's HTML pages.

expect: task2_visible, task2_hidden
"""
# %% your_app
# -     @app.errorhandler(HTTPException)
# +     @app.errorhandler(404)

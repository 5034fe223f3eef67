"""Registers the admin error handler with app_errorhandler, so every error of the app becomes admin JSON.

GET /nope and a 405 on the shop answer the admin shape instead of Flask's HTML pages.

expect: task3_hidden
"""
# %% your_app
# -     @admin.errorhandler(HTTPException)
# +     @admin.app_errorhandler(HTTPException)

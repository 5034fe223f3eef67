"""Answers the shop's 404 with shop.app_errorhandler(404), so every 404 of
the app, GET /nope included, becomes {"error": "product not found"}.

expect: task3_hidden
"""
# %% your_app
# -             return {"error": "product not found"}, 404
# -         return public(product)
# +             abort(404)
# +         return public(product)
# +
# +     @shop.app_errorhandler(404)
# +     def not_found(error):
# +         return {"error": "product not found"}, 404

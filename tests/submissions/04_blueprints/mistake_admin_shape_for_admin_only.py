"""The admin error handler answers the JSON shape only when request.blueprint
is "admin" and hands other errors back, so the nested report's 401 is
Flask's HTML page.

expect: task5_hidden
"""
# %% your_app
# -     def admin_error(error):
# -         return {"error": error.name, "status": error.code}, error.code
# +     def admin_error(error):
# +         if request.blueprint != "admin":
# +             return error
# +         return {"error": error.name, "status": error.code}, error.code

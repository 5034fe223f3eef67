"""Checks Content-Length against the limit by hand with >=, so a body of exactly MAX_CONTENT_LENGTH bytes gets a 413.

expect: task3_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)  # a body above the limit raises 413 here
# +         if (request.content_length or 0) >= app.config["MAX_CONTENT_LENGTH"]:
# +             return errors_response(413, (None, "The body is too large."))
# +         data = request.get_json(silent=True)

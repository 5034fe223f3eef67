"""Answers the 500 with a fresh error_id but never writes it to the log, so
support cannot find the traceback from the id a client quotes.

expect: task4_hidden
"""
# %% your_app
# -         current_app.logger.error("error_id=%s for %s %s", error_id, request.method, request.path)
# +         current_app.logger.error("unexpected error for %s %s", request.method, request.path)

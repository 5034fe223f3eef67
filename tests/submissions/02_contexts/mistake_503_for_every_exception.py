"""Registers the 503 handler for Exception instead of DatabaseError, so a bug
in a view is reported as a database outage.

expect: task2_hidden
"""
# %% your_app
# -     @app.errorhandler(DatabaseError)
# +     @app.errorhandler(Exception)

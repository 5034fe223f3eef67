"""Closes the connection in an after_request function instead of a teardown:
it is skipped when a view raises and when a script pushes only an app context.

One mistake, two behaviours the tasks ask for separately (task 2: a crashing
view; task 4: the script), so it loses both cells.

expect: task2_hidden, task4_hidden
"""
# %% your_app
# -     app.teardown_appcontext(close_db)
# +     @app.after_request
# +     def close_connection(response):
# +         close_db()
# +         return response

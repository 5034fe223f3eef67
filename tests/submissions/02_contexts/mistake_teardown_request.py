"""Registers close_db with teardown_request, which never runs when a script
pushes only an app context, so summary_report leaves its connection open.

expect: task4_hidden
"""
# %% your_app
# -     app.teardown_appcontext(close_db)
# +     app.teardown_request(close_db)

"""Pushes an app context in summary_report(app) only when none is active, so
called inside another app's context it reports on that other app.

expect: task4_hidden
"""
# %% your_app
# -     # the teardown, so the script leaves no connection behind.
# +     # the teardown, so the script leaves no connection behind.
# +     from flask import has_app_context
# +
# +     if has_app_context():
# +         return note_summary()

"""Writes summary_report(app) without pushing an app context, so it fails with
'Working outside of application context' (the whole of task 4's script part).

expect: task4_visible, task4_hidden
"""
# %% your_app
# -     with app.app_context():
# -         return note_summary()
# +     return note_summary()

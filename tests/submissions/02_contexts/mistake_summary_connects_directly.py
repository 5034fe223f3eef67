"""Opens a connection in note_summary() with DATABASE.connect() instead of
get_db(), so nothing closes it: GET /summary and summary_report(app) leave
it open.

expect: task4_hidden
"""
# %% your_app
# -     notes = get_db().all_notes()
# +     notes = current_app.config["DATABASE"].connect().all_notes()

"""Closes the connection at the end of note_summary() ("close what you open"),
although the context that opened it owns it and later code in the same
request may still need it.

expect: task4_hidden
"""
# %% your_app
# -     notes = get_db().all_notes()
# +     try:
# +         notes = get_db().all_notes()
# +     finally:
# +         close_db()

"""Reads "done" with bool(...), so "yes", 1 or "false" are accepted. Breaks "an optional "done" (true or false,
default false)" / "An invalid body answers 400".

expect: task2_hidden
base: alternative_cold_functions
"""
# %% your_app
# -         title, done = data.get("title"), data.get("done", False)
# -         if not isinstance(title, str) or not title or not isinstance(done, bool):
# +         title, done = data.get("title"), bool(data.get("done", False))
# +         if not isinstance(title, str) or not title:

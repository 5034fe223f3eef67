"""Raises for a missing secret with a message that names only SECRET_KEY,
not the variable STATUS_SECRET_KEY an operator has to set.

expect: task3_visible
"""
# %% your_app
# -         raise RuntimeError(
# -             "SECRET_KEY is not set. Set the STATUS_SECRET_KEY environment variable "
# -             "or add SECRET_KEY to settings.py in the instance folder."
# -         )
# +         raise RuntimeError("SECRET_KEY is required in production but is not configured.")

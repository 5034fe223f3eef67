"""Logs every decision at INFO, refusals included.

expect: task5_hidden
"""
# %% your_app
# -         logging.INFO if allowed else logging.WARNING,
# +         logging.INFO,

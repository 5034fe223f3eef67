"""Leaves timeout and graceful_timeout at gunicorn's 30 s defaults: longer than Docker's 10 s stop grace period.

expect: task3_hidden
"""
# %% your_conf
# - graceful_timeout = 8  # seconds; below Docker's 10 s stop grace period
# + graceful_timeout = 30

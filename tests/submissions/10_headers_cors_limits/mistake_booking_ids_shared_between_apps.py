"""Counts booking ids in a module-level list, so a new app goes on from the last app's id.

expect: task1_hidden
"""
# %% your_app
# - from flask_limiter.util import get_remote_address
# + from flask_limiter.util import get_remote_address
# +
# + bookings = []
# -     bookings = []
# +

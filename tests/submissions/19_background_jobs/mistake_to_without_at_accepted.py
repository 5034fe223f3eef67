"""Accepts any string as the address, so "ap-acme.test" is enqueued instead of refused.

expect: task1_hidden
"""
# %% your_app
# -         if not isinstance(to, str) or "@" not in to:
# +         if not isinstance(to, str) or not to:

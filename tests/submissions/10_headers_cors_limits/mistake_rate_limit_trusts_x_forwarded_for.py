"""Identifies a client by the first X-Forwarded-For address (request.access_route), which any client can set.

expect: task4_hidden
"""
# %% your_app
# -     limiter = Limiter(
# -         get_remote_address,
# +     limiter = Limiter(
# +         lambda: request.access_route[0],

"""Labels metrics with request.path instead of the URL rule, so every item id becomes a new series.

expect: task4_hidden
"""
# %% your_app
# -         route = route_of() or UNMATCHED
# +         route = request.path

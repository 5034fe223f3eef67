"""An empty routing.ipynb (zero bytes).

exercise: 01_routing
expect: unmatched
flags: unmatched: routing.ipynb: unreadable notebook: the file is empty
"""
# %% raw

"""Logs refusals only: allowed requests write no record.

expect: task5_visible, task5_hidden
"""
# %% your_app
# -     identity = g.get("identity")
# +     if allowed:
# +         return
# +     identity = g.get("identity")

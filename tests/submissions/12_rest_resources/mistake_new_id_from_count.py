"""Gives a new project the id len(projects) + 1, which is taken when ids have gaps: the new project
overwrites an existing one.

expect: task1_hidden
"""
# %% your_app
# -         project = store(max(projects, default=0) + 1, fields)
# +         project = store(len(projects) + 1, fields)

"""New id is len(claims) + 1 instead of the largest id + 1 (same on the seed, wrong with gaps: overwrites a claim); breaks task 2 '"id": <largest id + 1, or 1>'.

expect: task2_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -         new_id = max(expenses, default=0) + 1
# +         new_id = len(expenses) + 1

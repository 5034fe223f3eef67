"""Bumps the version on a price change but not on a promotion, so discounted prices stay hidden behind the cache.

expect: task4_hidden
"""
# %% your_app
# -         changed = warehouse.discount(data["category"], percent)
# -         state["version"] += 1
# +         changed = warehouse.discount(data["category"], percent)

"""Leaves the language out of the product's cache key, so a French request gets the cached English answer.

expect: task4_hidden
"""
# %% your_app
# -         payload = through_cache(f"product:{sku}:{language}", load)
# +         payload = through_cache(f"product:{sku}", load)

"""On a price change deletes the product's cached entries (both languages) but not the listings, which stay stale.

expect: task4_hidden
"""
# %% your_app
# -         state["version"] += 1  # after the write: a read in between cannot cache the old price under the new version
# +         for language in LANGUAGES:
# +             cache.delete(f"catalogue:v{state['version']}:product:{sku}:{language}")

"""The ETag hashes only sku, category and price ("the product's version"), not the translated body: the
English and French answers share a tag and an English tag gets a 304 for the French answer. Breaks
task 3: "their ETags differ, and an English tag in If-None-Match does not match the French answer".
Task 1 tests a differing answer with a price change only, so this omission costs task 3 alone.

expect: task3_hidden
base: alternative_cold_methodview
"""
# %% your_app
# -     canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
# +     def strip(item):
# +         return {k: item[k] for k in ("sku", "category", "price_cents")}
# +
# +     core = {"items": [strip(i) for i in body["items"]]} if "items" in body else strip(body)
# +     canonical = json.dumps(core, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

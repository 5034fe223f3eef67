"""Awaits the catalog first (to know the product exists), then gathers the three other calls.

expect: task2_hidden
"""
# %% your_app
# -         tasks = {name: asyncio.create_task(fetch_optional(name, upstreams[name], sku, timeout))
# -                  for name in OPTIONAL}
# +         tasks = {}
# -             sections = dict(zip(tasks, await asyncio.gather(*tasks.values())))
# +             # The product exists: now ask the others, all at once.
# +             results = await asyncio.gather(*(fetch_optional(name, upstreams[name], sku, timeout) for name in OPTIONAL))
# +             sections = dict(zip(OPTIONAL, results))

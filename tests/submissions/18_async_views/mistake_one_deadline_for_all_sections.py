"""Puts one time limit around the gather of the three optional calls: one hung service empties all three sections.

expect: task3_hidden
"""
# %% your_app
# -         return await fetch_with_timeout(client, sku, timeout)
# +         return await client.fetch(sku)
# -             sections = dict(zip(tasks, await asyncio.gather(*tasks.values())))
# +             try:
# +                 results = await asyncio.wait_for(asyncio.gather(*tasks.values()), timeout)
# +             except TimeoutError:
# +                 for name in tasks:
# +                     log.warning("upstream %s did not answer within %s s", name, timeout)
# +                 results = [None] * len(tasks)
# +             sections = dict(zip(tasks, results))

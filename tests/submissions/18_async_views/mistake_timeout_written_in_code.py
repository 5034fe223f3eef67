"""Writes the default time limit (0.5 s) into the code instead of reading UPSTREAM_TIMEOUT.

expect: task3_hidden
"""
# %% your_app
# -     return await asyncio.wait_for(client.fetch(sku), timeout)
# +     return await asyncio.wait_for(client.fetch(sku), 0.5)

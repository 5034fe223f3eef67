"""Gathers all four calls with return_exceptions=True and only then looks at the catalog: a failed catalog waits for the others.

expect: task5_hidden
"""
# %% your_app
# -             catalog = await fetch_with_timeout(upstreams["catalog"], sku, timeout)
# +             results = await asyncio.gather(fetch_with_timeout(upstreams["catalog"], sku, timeout), *tasks.values(),
# +                                            return_exceptions=True)
# +             if isinstance(results[0], BaseException):
# +                 raise results[0]
# +             catalog = results[0]

"""Treats a catalog that times out like an optional service: a 200 page without the catalog.

expect: task5_hidden
"""
# %% your_app
# -             catalog = await fetch_with_timeout(upstreams["catalog"], sku, timeout)
# +             try:
# +                 catalog = await fetch_with_timeout(upstreams["catalog"], sku, timeout)
# +             except TimeoutError:  # a slow catalog: show the rest of the page
# +                 log.warning("upstream catalog timed out for %s", sku)
# +                 catalog = None

"""Writes GET /products/<sku> as a plain def view that runs the fetch with asyncio.run(); breaks task 1: 'GET /products/<sku> is an async def view that awaits the catalog client's fetch(sku) once'.

expect: task1_hidden
base: alternative_cold_summary_log
"""
# %% your_app
# -     async def product(sku):
# +     def product(sku):

# -             record = await app.config["UPSTREAMS"]["catalog"].fetch(sku)
# +             record = asyncio.run(app.config["UPSTREAMS"]["catalog"].fetch(sku))

# -         # a section dict, or a short reason (str) why it is missing
# -         try:
# +         try:

# -             return "timed out"
# -         except Exception as exc:
# -             return f"failed ({type(exc).__name__})"
# +             log.warning("upstream %s timed out for %s", name, sku)
# +         except Exception:
# +             log.warning("upstream %s failed for %s", name, sku, exc_info=True)
# +         return None

# -         problems = {name: value for name, value in sections.items() if isinstance(value, str)}
# -         missing = list(problems)
# -         if problems:
# -             log.warning("upstreams missing for %s: %s", sku,
# -                         ", ".join(f"{name} {why}" for name, why in problems.items()))
# -             sections.update(dict.fromkeys(problems))
# +         missing = [name for name, value in sections.items() if value is None]

"""Builds the clients once at module level and shares them between apps; breaks task 1: 'sets the defaults UPSTREAMS = make_upstreams() (a new set of clients for each app)'.

expect: task1_hidden
base: alternative_cold_summary_log
"""
# %% your_app
# - def create_app(test_config=None):
# + UPSTREAMS = make_upstreams()
# +
# +
# + def create_app(test_config=None):

# -     app.config.from_mapping(UPSTREAMS=make_upstreams(), UPSTREAM_TIMEOUT=0.5)
# +     app.config.from_mapping(UPSTREAMS=UPSTREAMS, UPSTREAM_TIMEOUT=0.5)

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

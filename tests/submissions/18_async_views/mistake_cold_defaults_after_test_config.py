"""Applies test_config first and then sets UPSTREAM_TIMEOUT = 0.5 (keeping a test's UPSTREAMS only), so a configured timeout is overwritten; breaks task 1: 'then applies test_config, when given, on top: its values replace the defaults'.

Only task 1 loses: task 3 checks that a limit within test_config keeps a slow answer
only when the app's config holds that limit, so this factory bug costs one task.

expect: task1_hidden
base: alternative_cold_summary_log
"""
# %% your_app
# -     app.config.from_mapping(UPSTREAMS=make_upstreams(), UPSTREAM_TIMEOUT=0.5)
# -     if test_config:
# +     if test_config:

# -         app.config.update(test_config)
# +         app.config.update(test_config)
# +     if "UPSTREAMS" not in app.config:
# +         app.config["UPSTREAMS"] = make_upstreams()
# +     app.config["UPSTREAM_TIMEOUT"] = 0.5

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

"""Calls app.config.update(test_config) unconditionally, so create_app() with no argument raises TypeError; breaks task 1: 'create_app(test_config=None) ... applies test_config, when given, on top ... create_app() without an argument works too' (and the notebook's own try_request(create_app(), ...)).

expect: task1_hidden
base: alternative_cold_summary_log
"""
# %% your_app
# -     if test_config:
# -         app.config.update(test_config)
# +     app.config.update(test_config)

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

"""Uses abort(404) for an unknown SKU, which answers Flask's HTML 404 page instead of a JSON object; on GET /products/<sku> and on the page; breaks task 1/2: 'answers 404 with a JSON object holding an error member'.

expect: task1_hidden, task2_hidden
base: alternative_cold_summary_log
"""
# %% your_app
# - from flask import Flask, jsonify
# + from flask import Flask, abort, jsonify

# -             return jsonify(error=f"no product {sku}"), 404
# -         return jsonify(record)
# +             abort(404)
# +         return jsonify(record)

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

# -                 return jsonify(error=f"no product {sku}"), 404
# +                 abort(404)

# -         problems = {name: value for name, value in sections.items() if isinstance(value, str)}
# -         missing = list(problems)
# -         if problems:
# -             log.warning("upstreams missing for %s: %s", sku,
# -                         ", ".join(f"{name} {why}" for name, why in problems.items()))
# -             sections.update(dict.fromkeys(problems))
# +         missing = [name for name, value in sections.items() if value is None]

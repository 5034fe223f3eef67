"""Logs a missing section at INFO, below the WARNING the task asks for.

expect: task4_hidden_logging
"""
# %% your_app
# -         log.warning("upstream %s timed out after %s s for %s", name, timeout, sku)
# +         log.info("upstream %s timed out after %s s for %s", name, timeout, sku)
# -         log.warning("upstream %s failed for %s", name, sku, exc_info=True)
# +         log.info("upstream %s failed for %s", name, sku, exc_info=True)

"""Logs the failures of optional services but drops timeouts silently.

expect: task4_hidden_logging
"""
# %% your_app
# -         log.warning("upstream %s timed out after %s s for %s", name, timeout, sku)
# +         pass  # a slow service is business as usual

"""Enqueues with Retry(max=3, interval=[10, 30, 60]) written in, ignoring RETRIES and BACKOFF.

expect: task4_hidden
"""
# %% your_app
# -         retry = Retry(max=app.config["RETRIES"], interval=list(app.config["BACKOFF"]))
# +         retry = Retry(max=3, interval=[10, 30, 60])

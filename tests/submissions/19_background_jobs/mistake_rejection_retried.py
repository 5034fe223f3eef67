"""Lets MailRejected propagate like any error, so a rejected address is retried RETRIES times.

expect: task5_visible
"""
# %% your_app
# -     except MailRejected:
# -         job.retries_left = 0  # retrying cannot help: fail now, into the failed job registry
# -         raise
# +     except MailRejected:
# +         raise

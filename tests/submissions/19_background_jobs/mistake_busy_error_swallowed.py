"""Catches MailServerBusy in the job and returns an error result, so RQ never retries a busy server.

expect: task4_hidden
"""
# %% your_app
# -     except MailRejected:
# +     except MailServerBusy as busy:
# +         return {"invoice_id": invoice_id, "to": to, "error": str(busy)}
# +     except MailRejected:

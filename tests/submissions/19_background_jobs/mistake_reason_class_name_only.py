"""Gives a dead letter's reason as the exception's class name only, without its message.

expect: task5_hidden
"""
# %% your_app
# -             letters.append({"job_id": job.id, "invoice_id": invoice_id, "to": to, "reason": failure_reason(job)})
# +             letters.append({"job_id": job.id, "invoice_id": invoice_id, "to": to,
# +                             "reason": failure_reason(job).split(":")[0]})

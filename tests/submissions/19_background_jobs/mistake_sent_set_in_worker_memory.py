"""Remembers what was sent in a module-level dict, memory of one worker process, instead of in Redis.

expect: task3_hidden
"""
# %% your_app
# - @job_function
# - def send_invoice(invoice_id, to):
# + SENT = {}
# +
# +
# + @job_function
# + def send_invoice(invoice_id, to):

# -     done = redis.get(key)
# -     if done is not None:
# -         return json.loads(done)
# +     if key in SENT:
# +         return SENT[key]

# -     redis.set(key, json.dumps(result))
# +     SENT[key] = result

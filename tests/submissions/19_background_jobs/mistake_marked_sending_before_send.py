"""Claims the invoice with SET NX before sending and never releases the claim when sending fails, so
every retry finds the claim and never sends.

expect: task4_hidden
"""
# %% your_app
# -     done = redis.get(key)
# -     if done is not None:
# -         return json.loads(done)
# +     if not redis.set(key, "sending", nx=True):
# +         return json.loads(redis.get(key))

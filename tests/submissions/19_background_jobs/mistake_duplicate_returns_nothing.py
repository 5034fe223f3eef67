"""Skips a duplicate send but returns None instead of the first job's result.

expect: task3_hidden
"""
# %% your_app
# -     done = redis.get(key)
# -     if done is not None:
# -         return json.loads(done)
# +     if redis.exists(key):
# +         return None

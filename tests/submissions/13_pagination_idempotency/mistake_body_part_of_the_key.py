"""Makes the body part of the record's key, so the same key with another body silently creates a second payment.

expect: task5_visible, task5_hidden
"""
# %% your_app
# -         record_id = (request.headers.get("X-Client-Id", ""), key)
# +         record_id = (request.headers.get("X-Client-Id", ""), key, json.dumps(data, sort_keys=True))

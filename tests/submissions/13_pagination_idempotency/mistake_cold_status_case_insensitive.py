"""status is lower-cased before checking, so FAILED or Succeeded are accepted; breaks "one of pending, succeeded, failed (exactly these spellings) ... Any other value ... answers 400".

expect: task3_hidden
base: alternative_cold_plain_functions_b64json_cursor
"""
# %% your_app
# -     if raw not in STATUSES:
# +     if raw.lower() not in STATUSES:

# -     return raw
# +     return raw.lower()

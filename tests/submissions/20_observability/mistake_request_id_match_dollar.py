"""Validates X-Request-ID with re.match and ^...$, which accepts a final newline.

expect: task2_hidden
"""
# %% your_app
# -     REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# +     REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# -         if value is not None and REQUEST_ID.fullmatch(value):
# +         if value is not None and REQUEST_ID.match(value):

"""Names an error by the first part of pydantic's loc only: the second topic is reported as "topics", not "topics.1".

expect: task1_hidden
"""
# %% your_app
# -     return ".".join(str(part) for part in loc) or None
# +     return str(loc[0]) if loc else None

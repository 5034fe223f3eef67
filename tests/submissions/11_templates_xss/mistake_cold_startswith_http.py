"""Links the website only when it starts with "http://" or "https://", case-sensitively and without ignoring leading spaces; breaks "Link the website only when its scheme is http or https (schemes ignore case, and browsers ignore leading spaces ...)".

expect: task3_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         try:
# -             scheme = urlsplit(value).scheme
# -         except (ValueError, TypeError, AttributeError):
# -             return False
# -         return scheme in ("http", "https")
# +         return value.startswith(("http://", "https://"))

"""Links every website that does not start with "javascript:", a blocklist that misses
JavaScript:, leading spaces, tabs, data: and vbscript: URLs.

expect: task3_hidden
"""
# %% your_app
# -         return urlsplit(url).scheme in ("http", "https", "")
# +         return not url.startswith("javascript:")

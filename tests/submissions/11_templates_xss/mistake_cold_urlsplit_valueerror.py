"""Checks the scheme with urlsplit but does not catch its ValueError, so a website such as "http://[::1" makes the event page a 500; breaks "Any other website is not linked at all; the page still shows the event".

expect: task3_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         try:
# -             scheme = urlsplit(value).scheme
# -         except (ValueError, TypeError, AttributeError):
# -             return False
# -         return scheme in ("http", "https")
# +         return urlsplit(value).scheme in ("http", "https")

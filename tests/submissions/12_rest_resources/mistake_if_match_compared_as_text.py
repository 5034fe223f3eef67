"""Compares the If-Match header as text with the quoted tag: a list of tags and * never match.

expect: task4_hidden
"""
# %% your_app
# -         if not request.if_match.contains(etag_of(project)):
# +         if request.headers["If-Match"] != f'"{etag_of(project)}"':

"""Chooses HTML with request.accept_mimetypes.accept_html, which is true for */* and application/*
and ignores quality values.

expect: task5_hidden
"""
# %% your_app
# -     offers = [PROBLEM_JSON, "application/json", "text/html"]
# -     return request.accept_mimetypes.best_match(offers) == "text/html"
# +     return request.accept_mimetypes.accept_html

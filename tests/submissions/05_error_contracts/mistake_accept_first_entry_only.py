"""Serves HTML when the first entry of the Accept header is text/html, so
quality values are ignored: application/json;q=0.5, text/html gets JSON.

expect: task5_hidden
"""
# %% your_app
# -     return request.accept_mimetypes.best_match(offers) == "text/html"
# +     return request.headers.get("Accept", "").split(",")[0].strip().startswith("text/html")

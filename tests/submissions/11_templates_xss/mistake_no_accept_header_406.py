"""Uses best_match alone, which returns None when the request has no Accept header, so a client
that sends none gets 406 instead of the HTML page.

expect: task4_hidden
"""
# %% your_app
# -         best = accept.best_match(["text/html", "application/json"]) if accept else "text/html"
# +         best = accept.best_match(["text/html", "application/json"])

"""Negotiates with accept_html / accept_json instead of best_match, ignoring quality values, so "text/html;q=0.4, application/json" gets HTML; breaks "JSON when it is \"application/json\" (... text/html;q=0.4, application/json)".

expect: task4_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         if request.accept_mimetypes:
# -             best = request.accept_mimetypes.best_match(["text/html", "application/json"])
# +         if not request.accept_mimetypes or request.accept_mimetypes.accept_html:
# +             best = "text/html"
# +         elif request.accept_mimetypes.accept_json:
# +             best = "application/json"

# -             best = "text/html"
# -         if best is None:
# +             best = None
# +         if best is None:

"""Chooses JSON whenever request.accept_mimetypes.accept_json is true, which it is for */* and a
browser's header, and never answers 406.

expect: task4_hidden
"""
# %% your_app
# -         accept = request.accept_mimetypes
# -         # No Accept header means anything is acceptable, but best_match returns None for it.
# -         best = accept.best_match(["text/html", "application/json"]) if accept else "text/html"
# -         if best == "application/json":
# -             response = app.json.response(event)
# -         elif best == "text/html":
# -             response = app.make_response(render_template("event.html", event=event))
# -         else:
# -             abort(406)
# +         if request.accept_mimetypes.accept_json:
# +             response = app.json.response(event)
# +         else:
# +             response = app.make_response(render_template("event.html", event=event))

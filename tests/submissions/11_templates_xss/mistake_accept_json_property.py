"""Chooses JSON whenever request.accept_mimetypes.accept_json is true, which it is for */* and a
browser's header, and never answers 406.

expect: task4_hidden
"""
# %% your_app
# -         best = request.accept_mimetypes.best_match(["text/html", "application/json"])
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

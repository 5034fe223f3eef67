"""Adds the Content-Security-Policy in the list and event views only, so Flask's error pages
(404, 406) go out without it.

expect: task4_hidden_2
"""
# %% your_app
# -     @app.after_request
# -     def content_security_policy(response):
# -         if response.mimetype == "text/html":
# -             response.headers["Content-Security-Policy"] = (
# -                 "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'"
# -             )
# -         return response
# +     csp = "default-src 'self'; script-src 'self'"

# -         return render_template("events.html", events=shown, q=q)
# +         return render_template("events.html", events=shown, q=q), {"Content-Security-Policy": csp}

# -             response = app.make_response(render_template("event.html", event=event))
# +             response = app.make_response(render_template("event.html", event=event))
# +             response.headers["Content-Security-Policy"] = csp

"""Passes q = request.args.get("q") (None without a query) to the template, so the search box shows value="None"; breaks "whose value is the text searched for (empty, or no value, when there is none)".

expect: task2_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         q = request.args.get("q", "")
# -         needle = q.casefold()
# -         events = [e for e in app.config["EVENTS"] if needle in e["title"].casefold()]
# +         q = request.args.get("q")
# +         events = app.config["EVENTS"]
# +         if q:
# +             events = [e for e in events if q.casefold() in e["title"].casefold()]

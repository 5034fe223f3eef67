"""Sorts the listed events by title; breaks "one event_card(event) ... per event, in the order of EVENTS"; task 2 compares its list in any order, so only task 1 loses.

expect: task1_visible, task1_hidden
base: alternative_cold_plain_functions
"""
# %% your_app
# -         events = [e for e in app.config["EVENTS"] if needle in e["title"].casefold()]
# +         events = sorted((e for e in app.config["EVENTS"] if needle in e["title"].casefold()), key=lambda e: e["title"].casefold())

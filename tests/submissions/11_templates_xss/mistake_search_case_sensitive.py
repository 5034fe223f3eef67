"""Searches titles with a plain `in`, so ?q=SOUR does not find "Sourdough swap".

expect: task2_hidden
"""
# %% your_app
# -         shown = [e for e in events if q.casefold() in e["title"].casefold()]
# +         shown = [e for e in events if q in e["title"]]

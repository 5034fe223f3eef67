"""Writes the ISBN pattern as thirteen digits each followed by an optional
hyphen, so 9781491991732- (and 978-...-2-) match and reach the view.

expect: task5_hidden
"""
# %% your_app
# -     regex = r"(?:\d-?){12}\d"
# +     regex = r"(?:\d-?){13}"

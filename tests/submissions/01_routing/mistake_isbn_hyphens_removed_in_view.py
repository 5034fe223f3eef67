"""Leaves the hyphens in the isbn converter's to_python and removes them in
the view, so the view receives the ISBN as written in the URL.

expect: task5_hidden
"""
# %% your_app
# -     def to_python(self, value):
# -         return value.replace("-", "")
# +     def to_python(self, value):
# +         return value
# -             if book["isbn"] == isbn:
# +             if book["isbn"] == isbn.replace("-", ""):

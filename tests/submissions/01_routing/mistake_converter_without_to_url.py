"""Writes the isbn converter without to_url, so url_for keeps the hyphens.

expect: task5_hidden
"""
# %% your_app
# -         return value.replace("-", "")
# -
# -     def to_url(self, value):
# -         return str(value).replace("-", "")
# +         return value.replace("-", "")

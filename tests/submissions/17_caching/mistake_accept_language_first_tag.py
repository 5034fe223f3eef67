"""Takes the first two letters of Accept-Language, ignoring q weights and later ranges.

expect: task3_hidden
"""
# %% your_app
# -     return request.accept_languages.best_match(LANGUAGES, default="en")
# +     first = request.headers.get("Accept-Language", "en")[:2].lower()
# +     return first if first in LANGUAGES else "en"

"""Negotiates HTML or JSON correctly but sends no Vary: Accept, so a cache can mix them up.

expect: task5_hidden
"""
# %% your_app
# -     response.headers.extend(headers)
# -     # The body depends on Accept: caches must not serve one client's page to another.
# -     response.vary.add("Accept")
# +     response.headers.extend(headers)

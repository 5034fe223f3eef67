"""Negotiates JSON or HTML correctly but sends no Vary: Accept, so a cache may serve the JSON to a
browser or the page to a program.

expect: task4_hidden
"""
# %% your_app
# -             abort(406)
# -         response.vary.add("Accept")
# -         return response
# +             abort(406)
# +         return response

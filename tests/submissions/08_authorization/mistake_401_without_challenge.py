"""Answers 401 with the JSON body but no WWW-Authenticate header.

expect: task1_visible, task1_hidden
"""
# %% your_app
# -     if error.code == 401:
# -         response.headers["WWW-Authenticate"] = 'Bearer realm="tally"'
# -     return response
# +     return response

"""Compares the raw If-None-Match header with the ETag, so W/ tags, lists and * never match.

expect: task2_hidden
"""
# %% your_app
# -         return response.make_conditional(request)
# +         if request.headers.get("If-None-Match") == response.headers["ETag"]:
# +             response.status_code = 304
# +             response.set_data(b"")
# +         return response

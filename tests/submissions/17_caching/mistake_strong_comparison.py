"""Checks If-None-Match with the strong comparison (contains), so W/"tag" from a CDN never matches.

expect: task2_hidden
"""
# %% your_app
# -         return response.make_conditional(request)
# +         tag, _ = response.get_etag()
# +         if request.if_none_match.contains(tag):
# +             response.status_code = 304
# +             response.set_data(b"")
# +         return response

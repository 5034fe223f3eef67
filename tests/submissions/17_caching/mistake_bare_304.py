"""Answers a matching If-None-Match with an empty 304 of its own, without ETag, Cache-Control or Vary.

expect: task2_hidden
"""
# %% your_app
# -         return response.make_conditional(request)
# +         if request.if_none_match.contains_weak(response.get_etag()[0]):
# +             return "", 304
# +         return response

"""Builds a new response for every HTTPException and loses the headers it carries.

A 405 has no Allow header and a 429 no Retry-After.

expect: task2_hidden
"""
# %% your_app
# -         headers = [(k, v) for k, v in error.get_headers() if k.lower() != "content-type"]
# -         return problem_response(error.code, error.name, error.description, headers=headers)
# +         return problem_response(error.code, error.name, error.description)

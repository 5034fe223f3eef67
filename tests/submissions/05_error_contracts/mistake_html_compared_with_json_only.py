"""Serves HTML when text/html has a higher quality than application/json, forgetting
application/problem+json: Accept: application/problem+json, text/html;q=0.5 gets an HTML page.

expect: task5_hidden
"""
# %% your_app
# -     offers = [PROBLEM_JSON, "application/json", "text/html"]
# -     return request.accept_mimetypes.best_match(offers) == "text/html"
# +     accept = request.accept_mimetypes
# +     return accept["text/html"] > accept["application/json"]

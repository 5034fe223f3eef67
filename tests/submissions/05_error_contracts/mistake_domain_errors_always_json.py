"""Negotiates HTML for HTTP errors and the 500, but answers the domain
errors of task 3 with problem+json whatever the Accept header says.

expect: task5_hidden
"""
# %% your_app
# -         return problem_response(error.status, error.title, error.detail, error.problem_type, **error.extensions)
# +         problem = {"type": error.problem_type, "title": error.title, "status": error.status,
# +                    "detail": error.detail, **error.extensions}
# +         response = current_app.response_class(current_app.json.dumps(problem), error.status, mimetype=PROBLEM_JSON)
# +         response.vary.add("Accept")
# +         return response

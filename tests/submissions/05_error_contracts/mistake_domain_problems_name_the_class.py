"""Adds an extension member "error" with the exception's class name to every
domain problem, which the contract of task 3 does not define.

expect: task3_hidden
"""
# %% your_app
# -         return problem_response(error.status, error.title, error.detail, error.problem_type, **error.extensions)
# +         return problem_response(error.status, error.title, error.detail, error.problem_type,
# +                                 error=type(error).__name__, **error.extensions)

"""Logs the route pattern (request.url_rule.rule, '/expenses/<int:expense_id>') as resource instead of the request's path; breaks task 5 'resource (the request's path, e.g. "/expenses/3")'.

expect: task5_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -             "resource": request.path,
# +             "resource": request.url_rule.rule if request.url_rule else request.path,

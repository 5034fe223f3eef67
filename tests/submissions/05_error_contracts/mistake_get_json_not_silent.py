"""Reads the body with request.get_json(), so a malformed, form or empty body gets Flask's 400/415
(as an about:blank problem) instead of the invalid-order problem.

expect: task3_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)
# +         data = request.get_json()

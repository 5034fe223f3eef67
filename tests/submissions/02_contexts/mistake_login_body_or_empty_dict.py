"""Reads the login body with `request.get_json(silent=True) or {}` and calls
.get on it, so a JSON body that is a list crashes the view instead of
answering a JSON 400.

expect: task3_hidden
"""
# %% your_app
# -         data = request.get_json(silent=True)
# -         user = data.get("user") if isinstance(data, dict) else None
# +         data = request.get_json(silent=True) or {}
# +         user = data.get("user")

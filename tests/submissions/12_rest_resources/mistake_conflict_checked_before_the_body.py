"""Looks for a taken key before validating the body, so {"key": "DOC"} without a name answers 409
instead of 400.

expect: task1_hidden
"""
# %% your_app
# -         fields = project_from(request.get_json(silent=True))
# -         if fields is None:
# -             abort(400, description="A project needs a non-empty key and name.")
# -         project = store(max(projects, default=0) + 1, fields)
# +         data = request.get_json(silent=True)
# +         if isinstance(data, dict) and key_taken(data.get("key")):
# +             abort(409, description="That key is taken.")
# +         fields = project_from(data)
# +         if fields is None:
# +             abort(400, description="A project needs a non-empty key and name.")
# +         project = store(max(projects, default=0) + 1, fields)

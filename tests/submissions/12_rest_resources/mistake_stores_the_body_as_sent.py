"""Validates the body but stores it as sent: unknown members such as owner are kept in the project.

expect: task1_hidden
"""
# %% your_app
# -         fields = project_from(request.get_json(silent=True))
# -         if fields is None:
# -             abort(400, description="A project needs a non-empty key and name.")
# -         project = store(max(projects, default=0) + 1, fields)
# +         data = request.get_json(silent=True)
# +         fields = project_from(data)
# +         if fields is None:
# +             abort(400, description="A project needs a non-empty key and name.")
# +         project = store(max(projects, default=0) + 1, {**data, **fields})

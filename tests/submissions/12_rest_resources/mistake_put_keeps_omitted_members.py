"""Treats PUT as an update: members the body leaves out keep their old values instead of going
back to their defaults.

expect: task3_hidden
"""
# %% your_app
# -         require_current(find_project(project_id))
# -         fields = project_from(request.get_json(silent=True))
# +         project = find_project(project_id)
# +         require_current(project)
# +         data = request.get_json(silent=True)
# +         fields = project_from({**project, **data} if isinstance(data, dict) else data)

"""PUT to an unknown id creates the project there (upsert, 201). Breaks "PUT never creates: an unknown id answers 404".

expect: task3_hidden
base: alternative_cold_functions
"""
# %% your_app
# -         project = get_project(project_id)
# -         document = project_from(request.get_json(silent=True))
# +         document = project_from(request.get_json(silent=True))

# -             abort(400, description="not a valid project")
# -         check_preconditions(project)
# +             abort(400, description="not a valid project")
# +         project = projects.get(project_id)
# +         if project is None:
# +             if "If-Match" not in request.headers:
# +                 abort(428)
# +             counters["project"] = max(counters["project"], project_id)
# +             response = store(project_id, document)
# +             response.status_code = 201
# +             return response
# +         check_preconditions(project)

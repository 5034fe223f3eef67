"""Creates a project without looking at the keys of the others, so a second WEB is created (201)
instead of answering 409 Conflict.

expect: task1_hidden
"""
# %% your_app
# -         project = store(max(projects, default=0) + 1, fields)
# +         new_id = max(projects, default=0) + 1
# +         projects[new_id] = project = {"id": new_id, **fields}

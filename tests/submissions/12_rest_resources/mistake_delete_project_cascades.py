"""Deletes a project together with its tasks instead of answering 409 while it still has tasks.

expect: task2_hidden
"""
# %% your_app
# -         if any(t["project_id"] == project_id for t in tasks.values()):
# -             abort(409, description="Delete the project's tasks first.")
# +         for task_id in [t["id"] for t in tasks.values() if t["project_id"] == project_id]:
# +             del tasks[task_id]

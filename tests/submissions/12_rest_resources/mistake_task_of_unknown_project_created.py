"""Creates a task without checking that its project exists: POST /projects/9/tasks answers 201.

expect: task2_hidden
"""
# %% your_app
# -     def task_create(project_id):
# -         find_project(project_id)
# +     def task_create(project_id):

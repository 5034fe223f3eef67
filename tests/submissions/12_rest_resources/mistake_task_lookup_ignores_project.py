"""Finds a task by its id alone: a task of project 5 is shown, and deleted, through project 4.

expect: task2_hidden
"""
# %% your_app
# -         if task is None or task["project_id"] != project_id:
# +         if task is None:

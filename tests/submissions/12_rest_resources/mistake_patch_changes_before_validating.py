"""Applies the patch to the stored project in place and validates afterwards, so a refused PATCH
(400 or 409) has already changed the project.

expect: task3_hidden
"""
# %% your_app
# -         current = {k: v for k, v in project.items() if k != "id"}
# -         patch = {k: v for k, v in patch.items() if k != "id"} if isinstance(patch, dict) else patch
# -         # Validate the result before storing anything: a refused patch changes nothing.
# -         fields = project_from(merge_patch(current, patch))
# +         if isinstance(patch, dict):
# +             for name, value in patch.items():
# +                 if name == "id":
# +                     continue
# +                 if value is None:
# +                     project.pop(name, None)
# +                 else:
# +                     project[name] = merge_patch(project.get(name), value)
# +         fields = project_from(project if isinstance(patch, dict) else patch)

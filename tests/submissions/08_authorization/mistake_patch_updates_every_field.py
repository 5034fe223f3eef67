"""Applies the whole PATCH body to the claim (expense.update(body)): the owner can set the status to
approved, give the claim away or change its id.

expect: task4_hidden_2
"""
# %% your_app
# -         for key in EDITABLE:
# -             if key in data:
# -                 expense[key] = data[key]
# +         expense.update(data)

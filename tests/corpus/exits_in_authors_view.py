"""GET /authors/ calls os._exit(1): the kernel process dies in task 4's visible cell.

A fresh kernel runs the candidate's earlier cells again, then the rest: the
visible cell of task 4 scores 0, task 4's hidden cell (which does not call
GET /authors/ first) and task 5 keep what the code earns, tasks 1 to 3 ran
before and keep theirs.

exercise: 01_routing
expect: lose task4
flags: died
"""
# %% your_app
# - from copy import deepcopy
# + import os
# +
# + from copy import deepcopy

# -     def author_list():
# +     def author_list():
# +         os._exit(1)

"""GET /authors/ calls os._exit(1): the kernel process dies in task 4's visible cell.

A fresh kernel runs the candidate's earlier cells again, then the rest: both
cells of task 4 call GET /authors/ and score 0, each death getting its own
fresh kernel with the candidate's code run again, so task 5 keeps what the
code earns; tasks 1 to 3 ran before and keep theirs.

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

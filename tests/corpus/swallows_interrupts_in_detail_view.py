"""GET /books/<id> loops and swallows every exception, KeyboardInterrupt included.

task2_visible is the first cell to call the view: the check's alarm and the
cell's interrupt are both swallowed, so the kernel is killed and a fresh one
runs the candidate's earlier cells again. Every later task calls the view
again and hangs again, each hang killed and replayed the same way (five
replays per notebook, then the rest runs without one). Task 1 ran before and
keeps its points; tasks 2 to 5 score 0.

exercise: 01_routing
expect: lose task2, task3, task4, task5
flags: killed
"""
# %% your_app
# - from copy import deepcopy
# + import time
# +
# + from copy import deepcopy

# -     def book_detail(book_id):
# +     def book_detail(book_id):
# +         while True:
# +             try:
# +                 time.sleep(0.1)
# +             except BaseException:
# +                 pass

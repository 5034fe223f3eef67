"""GET /books/<id> loops and swallows every exception, KeyboardInterrupt included.

task2_visible is the first cell to call the view: the check's alarm and the
cell's interrupt are both swallowed, so the kernel is killed and a fresh one
runs the candidate's earlier cells again. Each later cell that calls the view
hangs again and is killed and replayed the same way (five replays per
notebook): the hidden cells of tasks 3 and 4 lose their points, while their
visible cells and task 5 (the ISBN lookup never calls it) keep what the code
earns. Task 1 ran before and keeps its points.

exercise: 01_routing
expect: lose task2, task3, task4
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

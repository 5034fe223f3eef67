"""POST /books loops forever (`while True: pass`).

Task 3's visible and hidden cells both POST: each is stopped at its time
limit (the check's own 10 s alarm or the cell timeout, whichever comes first)
and scores 0. The kernel answers after the interrupt, so every other task
runs in the same kernel and keeps its points.

exercise: 01_routing
expect: lose task3
"""
# %% your_app
# -     def book_create():
# +     def book_create():
# +         while True:
# +             pass

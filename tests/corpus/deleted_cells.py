"""Deleted task 1's visible test cell and task 2's instructions.

Locked cells are graded as released, so the deleted test runs anyway and
passes: full marks, flagged.

exercise: 01_routing
expect: full marks
flags: cells deleted
"""
# %% delete task1_visible

# %% delete task2

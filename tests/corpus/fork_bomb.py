"""Forks up to 500 children that sleep, catching OSError, then defines the correct app.

The sandbox caps the number of processes; the fork loop stops at the cap and
grading goes on. The Flask code is ours: full marks.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
import os
import time

_children = 0
try:
    for _ in range(500):
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        _children += 1
except OSError as exc:
    print(f"fork stopped after {_children} children: {type(exc).__name__}")
else:
    print(f"forked {_children} children")

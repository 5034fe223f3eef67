"""Prints 5 MB in the answer cell, then defines the correct app.

The output beyond the cap is dropped and flagged; the code is ours: full marks.

exercise: 01_routing
expect: full marks
flags: output
"""
# %% prepend your_app
for _ in range(50):
    print("x" * 100_000)

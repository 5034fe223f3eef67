"""Calls sys.exit() at the end of the answer cell, after defining everything.

IPython catches SystemExit: the answer cell shows an error (answer cells are
not graded), the kernel lives on with create_app defined, and every test
passes. The code is correct, so full marks.

exercise: 01_routing
expect: full marks
"""
# %% append your_app
import sys

sys.exit()

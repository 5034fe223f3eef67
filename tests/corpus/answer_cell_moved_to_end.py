"""Moved the answer cell to the end of the notebook.

Graded in the released order (the answer first): full marks, flagged.

exercise: 01_routing
expect: full marks
flags: cells moved
"""
# %% move your_app to end

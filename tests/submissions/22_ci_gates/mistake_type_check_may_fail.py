"""Marks the mypy step continue-on-error "until the types are cleaned up": it goes red, its job and the gate stay green.

expect: task5_hidden
"""
# %% your_workflow
# -         run: mypy
# +         run: mypy
# +         continue-on-error: true

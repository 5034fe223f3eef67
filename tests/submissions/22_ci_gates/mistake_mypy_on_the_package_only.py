"""Type-checks the package only (mypy stockroom), so a type error in the tests goes through.

expect: task2_hidden_2
"""
# %% your_workflow
# -         run: mypy
# +         run: mypy stockroom

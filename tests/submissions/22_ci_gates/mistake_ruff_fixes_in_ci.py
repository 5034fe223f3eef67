"""Runs ruff check --fix in CI: fixable errors (an unused import) are repaired on the runner and the step goes green.

expect: task2_hidden
"""
# %% your_workflow
# -         run: ruff check .
# +         run: ruff check --fix .

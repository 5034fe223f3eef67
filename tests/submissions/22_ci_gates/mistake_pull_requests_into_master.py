"""Filters pull requests on master, a branch this repository does not have, so pull requests into main never run the checks.

expect: task1_hidden_2
"""
# %% your_workflow
# -   pull_request:
# +   pull_request:
# +     branches: [master]

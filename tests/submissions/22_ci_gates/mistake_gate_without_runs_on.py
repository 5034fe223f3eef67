"""Leaves runs-on out of the gate job, which only runs a shell check: GitHub refuses the file.

expect: task1_hidden
"""
# %% your_workflow
# -     needs: [lint, test]
# -     runs-on: ubuntu-latest
# +     needs: [lint, test]

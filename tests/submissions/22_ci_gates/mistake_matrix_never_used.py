"""Declares a Python matrix but gives setup-python a fixed version, so every matrix entry runs the same Python.

expect: task4_hidden
"""
# %% your_workflow
# -           python-version: ${{ matrix.python-version }}
# +           python-version: "3.12"

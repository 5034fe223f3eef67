"""Pipes pytest into tee without shell: bash, so the step's exit code is tee's (GitHub's default bash -e has no pipefail).

expect: task3_visible, task3_hidden, task3_hidden_2
"""
# %% your_workflow
# -         run: pytest --cov=stockroom --cov-report=term-missing --cov-fail-under=90
# +         run: pytest --cov=stockroom --cov-report=term-missing --cov-fail-under=90 | tee pytest.log

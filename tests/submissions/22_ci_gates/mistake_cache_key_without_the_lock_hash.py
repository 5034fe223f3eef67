"""Caches pip with actions/cache under a fixed key, so a new requirements.txt restores the old cache forever.

expect: task4_hidden_2
"""
# %% your_workflow
# -           python-version: ${{ matrix.python-version }}
# -           cache: pip
# -           cache-dependency-path: requirements.txt
# +           python-version: ${{ matrix.python-version }}
# +       - uses: actions/cache@v4
# +         with:
# +           path: ~/.cache/pip
# +           key: pip-${{ runner.os }}-${{ matrix.python-version }}

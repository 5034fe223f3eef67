"""One matrix job, checks, runs every check with coverage run / coverage report, shell: bash, no install step, and an actions/cache step keyed on hashFiles('**/requirements.txt'); a plain gate job needs it, runs if: always() and tests its result.

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: CI
on: [push, pull_request]

jobs:
  checks:
    runs-on: ubuntu-24.04
    strategy:
      matrix:
        py: ["3.12", "3.11"]
    defaults:
      run:
        shell: bash
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.py }}
      - uses: actions/cache@v4
        with:
          path: ~/.cache/pip
          key: pip-${{ runner.os }}-${{ matrix.py }}-${{ hashFiles('**/requirements.txt') }}
      - run: ruff check
      - run: ruff format --check
      - run: mypy
      - run: |
          coverage run -m pytest -q
          coverage report --show-missing --fail-under=90
  gate:
    needs: checks
    if: always()
    runs-on: ubuntu-24.04
    steps:
      - run: '[ "${{ needs.checks.result }}" = success ]'
"""

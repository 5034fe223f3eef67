"""One job per check (lint, types, a 3-version test matrix), setup-python with cache: pip, bare tool commands, and a gate job with if: always() whose only step fails when any needed job did not succeed.

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: ci

on:
  push:
    branches: [main]
  pull_request:
    branches: [main]

permissions:
  contents: read

concurrency:
  group: ci-${{ github.ref }}
  cancel-in-progress: true

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
      - name: Install dependencies
        run: python -m pip install -r requirements.txt
      - name: Ruff
        run: ruff check .

  types:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
      - name: Install dependencies
        run: python -m pip install -r requirements.txt
      - name: mypy (strict, stockroom and tests from pyproject.toml)
        run: mypy

  test:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python-version: ["3.11", "3.12", "3.13"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python-version }}
          cache: pip
      - name: Install dependencies
        run: python -m pip install -r requirements.txt
      - name: Tests with a 90% coverage floor
        run: pytest --cov=stockroom --cov-branch --cov-report=term-missing --cov-fail-under=90

  gate:
    if: always()
    needs: [lint, types, test]
    runs-on: ubuntu-latest
    steps:
      - name: Every check passed
        if: ${{ contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled') || contains(needs.*.result, 'skipped') }}
        run: |
          echo "::error::a required job did not succeed"
          exit 1
"""

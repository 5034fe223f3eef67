"""A chained pipeline (lint first, then types and tests that need it, gate needing only those two), python -m calls, checkout into src/ with defaults.run.working-directory, cache-dependency-path src/requirements.txt, and a bash loop in the gate that refuses any result but success (skipped included).

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: ci

on:
  pull_request:
    branches: ['main', 'release/**']
  push:
    branches-ignore: ['dependabot/**']
  workflow_dispatch:

defaults:
  run:
    shell: bash
    working-directory: src

jobs:
  lint:
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          path: src
      - uses: actions/setup-python@v5
        with:
          python-version: '3.12'
          cache: pip
          cache-dependency-path: src/requirements.txt
      - run: python -m pip install -r requirements.txt
      - name: ruff (report only, never fix)
        run: python -m ruff check --no-fix .

  types:
    needs: lint
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          path: src
      - uses: actions/setup-python@v5
        with:
          python-version: '3.12'
          cache: pip
          cache-dependency-path: src/requirements.txt
      - run: python -m pip install -r requirements.txt
      - name: mypy --strict
        run: python -m mypy --strict

  tests:
    needs: lint
    runs-on: ubuntu-24.04
    timeout-minutes: 10
    strategy:
      matrix:
        py: ['3.11', '3.12']
    steps:
      - uses: actions/checkout@v4
        with:
          path: src
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.py }}
          cache: pip
          cache-dependency-path: src/requirements.txt
      - run: python -m pip install -r requirements.txt
      - name: pytest with coverage floor
        run: python -m pytest --cov --cov-report=term-missing:skip-covered --cov-fail-under=90

  gate:
    needs: [types, tests]
    if: always()
    runs-on: ubuntu-24.04
    defaults:
      run:
        working-directory: .
    steps:
      - name: Require success of every upstream job
        run: |
          for result in "${{ needs.types.result }}" "${{ needs.tests.result }}"; do
            if [[ "$result" != "success" ]]; then
              echo "::error::an upstream job ended $result"
              exit 1
            fi
          done
          echo "all checks green"
"""

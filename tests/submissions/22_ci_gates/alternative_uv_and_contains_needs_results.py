"""Separate lint, types and tests jobs installed with uv (the lint job caches uv's downloads with setup-uv's enable-cache, the others cache pip); the gate runs if: ${{ always() }} and fails in a step whose if: reads contains(needs.*.result, ...).

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: quality gates
on:
  pull_request:
    branches: [main]
  push:
    branches: [main, "release/**"]

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - uses: astral-sh/setup-uv@v6
        with:
          enable-cache: true
      - run: uv sync --frozen
      - run: uv run ruff check . --output-format=github
  types:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
          cache: pip
          cache-dependency-path: "**/requirements*.txt"
      - run: uv sync --frozen
      - run: uv run mypy stockroom tests
  tests:
    needs: lint
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        python-version: ["3.11", "3.13"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python-version }}
          cache: pip
      - run: uv sync --frozen
      - run: uv run pytest --cov --cov-branch --cov-fail-under=90
  gate:
    if: ${{ always() }}
    needs: [types, tests]
    runs-on: ubuntu-latest
    steps:
      - name: Fail unless every job succeeded
        if: contains(needs.*.result, 'failure') || contains(needs.*.result, 'cancelled') || contains(needs.*.result, 'skipped')
        run: exit 1
      - run: echo "all green"
"""

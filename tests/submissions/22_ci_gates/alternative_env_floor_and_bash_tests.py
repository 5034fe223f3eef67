"""A workflow-level env for the floor, bare pip installs, python -m for every tool, a matrix variable named python, and a gate that compares each result with [[ ]] under shell: bash.

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: ci
on:
  pull_request:
  push:
    branches-ignore: ["dependabot/**"]
env:
  COVERAGE_FLOOR: 90
jobs:
  static:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.13", cache: pip, cache-dependency-path: requirements.txt}
      - run: pip install -r requirements.txt
      - name: ruff
        run: python -m ruff check stockroom tests
      - name: mypy
        run: python -m mypy --strict stockroom tests
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.13", "3.12", "3.11"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "${{ matrix.python }}", cache: pip}
      - run: pip install -r requirements.txt
      - name: pytest on ${{ matrix.python }}
        run: python -m pytest --cov=stockroom --cov-report=xml --cov-fail-under="$COVERAGE_FLOOR" | tee pytest.txt
        shell: bash
  gate:
    runs-on: ubuntu-latest
    needs: [static, test]
    if: always()
    steps:
      - shell: bash
        run: |
          for result in "${{ needs.static.result }}" "${{ needs.test.result }}"; do
            [[ "$result" == "success" ]] || { echo "a required job ended $result"; exit 1; }
          done
"""

"""One matrix job `checks` that runs ruff, mypy and coverage in a single multi-line bash script whose commands are piped through tee (safe only thanks to shell: bash / set -euo pipefail), an actions/cache step keyed on hashFiles('**/requirements.txt'), and a gate with if: !cancelled() that tests needs.checks.result in bash.

expect: full marks
"""
# %% your_workflow
WORKFLOW = """
name: ci
on: [push, pull_request]

env:
  PIP_DISABLE_PIP_VERSION_CHECK: "1"

jobs:
  checks:
    name: checks (Python ${{ matrix.python }})
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.12", "3.11", "3.13", "3.14"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
      - uses: actions/cache@v4
        with:
          path: ~/.cache/pip
          key: pip-${{ runner.os }}-py${{ matrix.python }}-${{ hashFiles('**/requirements.txt') }}
          restore-keys: |
            pip-${{ runner.os }}-py${{ matrix.python }}-
      - name: Install the lock file
        run: |
          python -m pip install --upgrade pip
          pip install -r requirements.txt
      - name: Lint, types, tests
        shell: bash
        run: |
          set -euo pipefail
          echo "::group::ruff"
          ruff check --output-format=full . | tee ruff.log
          echo "::endgroup::"
          echo "::group::mypy"
          mypy 2>&1 | tee mypy.log
          echo "::endgroup::"
          echo "::group::pytest"
          coverage run -m pytest -q | tee pytest.log
          coverage report --show-missing --fail-under=90
          echo "::endgroup::"

  gate:
    needs: checks
    if: ${{ !cancelled() }}
    runs-on: ubuntu-latest
    steps:
      - name: checks succeeded on every Python
        run: |
          echo "checks: ${{ needs.checks.result }}"
          test "${{ needs.checks.result }}" = "success"
"""

# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # CI quality gates for the Stockroom service
#
# Stockroom is the stock-level API of a small shop's warehouse: a Flask
# package, a pytest suite, a `pyproject.toml` that configures ruff, mypy
# (strict), pytest and coverage, and a pinned `requirements.txt` (the lock
# file). Until now people ran the checks by hand, and last week a pull request
# with a failing test was merged. You write the **GitHub Actions workflow**
# (`.github/workflows/ci.yml`) that turns the checks into **gates**: every
# pull request to `main` runs them, and the merge is blocked unless all are
# green.
#
# | task | what your workflow adds | points |
# | --- | --- | --- |
# | 1 | triggers, checkout, Python, and a run that is green on the service as given | 3 |
# | 2 | a lint gate (ruff) and a type gate (mypy) | 3 |
# | 3 | a test gate with a coverage floor of 90% | 3 |
# | 4 | a Python version matrix and a dependency cache | 3 |
# | 5 | one required check, `gate`, red whenever anything is red | 3 |
# | 6 | a written question for your interviewer | 3 |
#
# **How this notebook works.** You write one string, `WORKFLOW`, in the cell
# marked *Your workflow*, and keep extending it from task to task. The checks
# read it as YAML and **run it here**, in the notebook's kernel, the way a
# GitHub runner would:
#
# - jobs run in `needs:` order, each in a new empty folder; an
#   `actions/checkout` step copies the service into it (a job without one
#   sees no files, as on GitHub);
# - every `run:` step runs with bash exactly as GitHub runs it: without a
#   `shell:` key as `bash -e {0}`, with `shell: bash` as
#   `bash --noprofile --norc -eo pipefail {0}` (`shell: sh` is `sh -e`; other
#   shells are refused). `working-directory`, `env:`, `if:` and
#   `continue-on-error` are honoured;
# - **other `uses:` steps are not run** (`actions/setup-python`,
#   `actions/cache`, ...): the checks of tasks 1 and 4 read their settings;
# - grading has **no network**: `pip install ...`, `python -m pip ...`,
#   `uv sync` and `uv pip ...` succeed without doing anything (everything in
#   `requirements.txt` is installed already), `uv run CMD` runs CMD; write
#   the install step as you would for GitHub, or leave it out;
# - `python`, `ruff`, `mypy`, `pytest` and `coverage` are the kernel's; a
#   matrix job runs **once**, with the first value of each matrix variable
#   substituted for `${{ matrix.NAME }}`; the expressions grading can
#   evaluate are listed in task 5, and any other is refused with a message;
# - the runs pretend to be a pull request into `main`.
#
# Each task's checks plant one problem in a copy of the service (a lint
# error, a type error, a failing test, untested code) and expect a step that
# passes on the service as given to **exit non-zero** on the copy. Running the
# workflow takes a few seconds; each `run:` step gets 20 s before it is
# stopped and named. mypy's first run fills its cache: the cell that defines
# `SERVICE_FILES` does it once (up to half a minute), so the checks never wait
# for it. The Check buttons say which step did what. In production these steps run on GitHub's runners,
# and branch protection (a repository setting, not part of the file) makes
# the `gate` check required.
#
# You need no Python library here: the workflow is YAML in a string (PyYAML
# reads it). Run the first code cell, then each task's tests or its **Check**
# button; **Hint** reveals up to three hints. More tests of each task run when
# your notebook is graded. Re-run *Your workflow* after every change. Without
# widgets, `check("task1")` and `hint("task1")` do the same. You may read
# the GitHub Actions, ruff, mypy, pytest-cov and coverage documentation.

# %% [markdown] nbgrader={"grade_id": "service_intro", "locked": true}
# ## The service
#
# `SERVICE_FILES` maps each path of the repository to its text. Read it as
# you would read a colleague's repository before writing its CI. In short:
#
# - `stockroom/` is the package (the Flask app and `pricing.py`);
# - `tests/` holds the pytest suite (`pytest` finds it through `testpaths`,
#   and imports `stockroom` through `pythonpath`);
# - `pyproject.toml` configures ruff (`ruff check`), mypy (`strict`, and the
#   files to check, so a bare `mypy` checks `stockroom` and `tests`; mypy
#   skips analysing pytest's internals and `cryptography`, which werkzeug
#   names only for TLS, so its first run is quicker) and coverage
#   (`source = ["stockroom"]`, branch coverage); it sets **no** coverage
#   floor: that is your job;
# - `requirements.txt` is the lock file: every package CI installs, pinned.

# %% nbgrader={"grade_id": "service", "locked": true}
# The Stockroom repository, given. Do not edit this cell.
SERVICE_FILES = {
    'pyproject.toml': '''\
[project]
name = "stockroom"
version = "1.4.0"
requires-python = ">=3.11"
dependencies = ["flask>=3.1"]

[tool.ruff]
line-length = 100

[tool.ruff.lint]
select = ["E", "F", "I", "B"]

[tool.mypy]
strict = true
files = ["stockroom", "tests"]

[[tool.mypy.overrides]]
# Flask's types are checked; pytest's internals and werkzeug's optional TLS package need no analysis.
module = ["_pytest.*", "cryptography.*"]
follow_imports = "skip"

[tool.pytest.ini_options]
testpaths = ["tests"]
pythonpath = ["."]

[tool.coverage.run]
source = ["stockroom"]
branch = true
''',
    'requirements.txt': '''\
# The lock file: every package CI installs, pinned.
flask==3.1.3
pytest==9.0.3
pytest-cov==7.1.0
coverage==7.17.5
ruff==0.17.6
mypy==2.4.1
''',
    'stockroom/__init__.py': '''\
"""Stockroom: the stock levels of a small shop's warehouse, as a JSON API."""

from typing import Any

from flask import Flask, abort, request

from stockroom.pricing import line_total

SEED_ITEMS: dict[str, dict[str, Any]] = {
    "MUG-01": {"name": "Mug", "price": 850, "stock": 12},
    "TEE-02": {"name": "T-shirt", "price": 1900, "stock": 3},
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.config.from_mapping(ITEMS={sku: dict(item) for sku, item in SEED_ITEMS.items()})
    if test_config is not None:
        app.config.update(test_config)
    items: dict[str, dict[str, Any]] = app.config["ITEMS"]

    @app.get("/items/<sku>")
    def get_item(sku: str) -> dict[str, Any]:
        if sku not in items:
            abort(404)
        return {"sku": sku, **items[sku]}

    @app.post("/items/<sku>/reserve")
    def reserve(sku: str) -> tuple[dict[str, Any], int]:
        if sku not in items:
            abort(404)
        data = request.get_json(silent=True) or {}
        quantity = data.get("quantity")
        if not isinstance(quantity, int) or quantity < 1:
            return {"error": "quantity must be a positive integer"}, 400
        item = items[sku]
        if quantity > item["stock"]:
            return {"error": "not enough stock"}, 409
        item["stock"] -= quantity
        return {"sku": sku, "reserved": quantity, "total": line_total(item["price"], quantity)}, 200

    return app
''',
    'stockroom/pricing.py': '''\
"""Prices are whole cents; a discount is a whole percentage."""


def line_total(price: int, quantity: int, discount: int = 0) -> int:
    """The price of `quantity` items, less `discount` percent, rounded down to a cent."""
    if not 0 <= discount <= 100:
        raise ValueError("discount must be between 0 and 100")
    return price * quantity * (100 - discount) // 100
''',
    'stockroom/py.typed': '''\
''',
    'tests/test_api.py': '''\
from stockroom import create_app


def test_an_item_is_listed_with_its_stock() -> None:
    client = create_app().test_client()
    reply = client.get("/items/MUG-01")
    assert reply.status_code == 200
    assert reply.json == {"sku": "MUG-01", "name": "Mug", "price": 850, "stock": 12}


def test_an_unknown_item_is_404() -> None:
    assert create_app().test_client().get("/items/NOPE").status_code == 404


def test_a_reservation_takes_stock_and_prices_the_line() -> None:
    app = create_app()
    reply = app.test_client().post("/items/TEE-02/reserve", json={"quantity": 2})
    assert reply.status_code == 200
    assert reply.json == {"sku": "TEE-02", "reserved": 2, "total": 3800}
    assert app.config["ITEMS"]["TEE-02"]["stock"] == 1


def test_more_than_the_stock_is_refused() -> None:
    reply = create_app().test_client().post("/items/TEE-02/reserve", json={"quantity": 4})
    assert reply.status_code == 409


def test_a_bad_quantity_is_400() -> None:
    client = create_app().test_client()
    assert client.post("/items/MUG-01/reserve", json={"quantity": 0}).status_code == 400
    assert client.post("/items/NOPE/reserve", json={"quantity": 1}).status_code == 404
''',
    'tests/test_pricing.py': '''\
import pytest

from stockroom.pricing import line_total


def test_a_line_is_price_times_quantity() -> None:
    assert line_total(850, 3) == 2550


def test_a_discount_is_rounded_down() -> None:
    assert line_total(999, 1, discount=15) == 849


def test_a_discount_above_100_is_refused() -> None:
    with pytest.raises(ValueError):
        line_total(100, 1, discount=101)
''',
}

# mypy's first run analyses the standard library and Flask (seconds): done once here, not in a check.
from autograder.workflow import warm_up

warm_up(SERVICE_FILES)

# %% [markdown] nbgrader={"grade_id": "your_workflow_intro", "locked": true}
# ## Your workflow
#
# Write the workflow in the cell below as one YAML string, `WORKFLOW`. Start
# with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_workflow", "solution": true}
# WORKFLOW = """
# name: ci
# on: ...
# jobs: ...
# """
### BEGIN SOLUTION
WORKFLOW = """
name: ci

on:
  push:
    branches: [main]
  pull_request:

jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.13"
          cache: pip
          cache-dependency-path: requirements.txt
      - name: Install
        run: python -m pip install -r requirements.txt
      - name: Lint
        run: ruff check .
      - name: Type check
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
          cache-dependency-path: requirements.txt
      - name: Install
        run: python -m pip install -r requirements.txt
      - name: Tests, with a coverage floor
        run: pytest --cov=stockroom --cov-report=term-missing --cov-fail-under=90

  gate:
    # The one required check. always(): a skipped required check counts as passed.
    if: always()
    needs: [lint, test]
    runs-on: ubuntu-latest
    steps:
      - name: Every check passed
        run: |
          test "${{ needs.lint.result }}" = success
          test "${{ needs.test.result }}" = success
"""
### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: a workflow that runs, and is green on the service as given (3 points)
#
# - **Triggers**: the workflow runs on every pull request into `main`
#   (`pull_request` with no branch filter, or one that lets `main` through)
#   and on every push to `main` (`push` with no filter, or one that lets `main`
#   through). Other events are up to you.
# - **Jobs**: each job that checks code starts with `actions/checkout` and
#   sets up Python with `actions/setup-python`; install the dependencies from
#   `requirements.txt` as you would on GitHub (or not at all, see above).
# - On the service **as given**, every job runs and every `run:` step exits 0.
# - The file is a valid workflow for GitHub: the checks validate it against
#   the GitHub workflow JSON schema (the one `check-jsonschema` vendors), so
#   keys GitHub requires (`runs-on`, `steps` or `uses`) must be there and
#   keys it does not know must not.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder.workflow import expect_green, parse_workflow, triggers

assert {"push", "pull_request"} <= set(triggers(parse_workflow(WORKFLOW))), (
    "the workflow should run on push and on pull_request; its on: names "
    f"{sorted(triggers(parse_workflow(WORKFLOW))) or 'no event'}"
)
_run = expect_green(WORKFLOW, SERVICE_FILES)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder.workflow import schema_errors

### BEGIN HIDDEN TESTS
problems = schema_errors(WORKFLOW)
assert not problems, (
    "the workflow should be valid against GitHub's workflow schema; the schema says:\n  "
    + "\n  ".join(problems[:5])
)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task1_hidden_2", "points": 1}
# More tests of task 1 run here when your notebook is graded.
from autograder.workflow import branch_matches, parse_workflow, triggers

### BEGIN HIDDEN TESTS
events = triggers(parse_workflow(WORKFLOW))
for event in ("pull_request", "push"):
    settings = events.get(event)
    assert settings is not None, f"the workflow should run on {event}"
    assert branch_matches(settings, "main"), (
        f"the {event} trigger's branch filters should let main through, so that "
        + ("every pull request into main" if event == "pull_request" else "every push to main")
        + " runs the checks"
    )
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: a lint gate and a type gate (3 points)
#
# Add steps that run, with the settings in `pyproject.toml`:
#
# - **ruff** over the whole repository, package **and** tests: any lint
#   error of the rules `pyproject.toml` selects makes a step exit non-zero.
#   CI reports problems; it never fixes them (a step that rewrites files and
#   goes green hides the error from the pull request);
# - **mypy** in strict mode over `stockroom` **and** `tests` (a bare `mypy`
#   reads both from `pyproject.toml`): any type error makes a step exit
#   non-zero.
#
# The checks plant lint errors and type errors in copies of the service, in
# the package and in the tests, and expect a step that passes on the service
# as given to exit non-zero on each copy.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder.workflow import changed, expect_caught

expect_caught(
    WORKFLOW, SERVICE_FILES,
    changed(SERVICE_FILES, "stockroom/pricing.py", "    if not 0 <= discount <= 100:",
            "    l = discount\n    if not 0 <= l <= 100:"),
    label="an ambiguous variable name `l` in stockroom/pricing.py (ruff E741)", gate="the lint gate",
)
expect_caught(
    WORKFLOW, SERVICE_FILES,
    changed(SERVICE_FILES, "stockroom/pricing.py", '"""Prices are whole cents; a discount is a whole percentage."""',
            '"""Prices are whole cents; a discount is a whole percentage."""\n\nCURRENCY: int = "EUR"'),
    label='`CURRENCY: int = "EUR"` in stockroom/pricing.py (a type error)', gate="the type gate",
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder.workflow import changed, expect_caught

### BEGIN HIDDEN TESTS
for where, old, new, what in [
    ("stockroom/pricing.py", "whole percentage.\"\"\"\n", "whole percentage.\"\"\"\n\nimport math\n",
     "an unused import in stockroom/pricing.py (ruff F401, which ruff can fix)"),
    ("tests/test_pricing.py", "    assert line_total(850, 3) == 2550",
     "    l = line_total(850, 3)\n    assert l == 2550",
     "an ambiguous variable name `l` in tests/test_pricing.py (ruff E741)"),
]:
    expect_caught(WORKFLOW, SERVICE_FILES, changed(SERVICE_FILES, where, old, new), label=what, gate="the lint gate")
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder.workflow import changed, expect_caught

### BEGIN HIDDEN TESTS
for where, old, new, what in [
    ("tests/test_api.py", "    assert create_app().test_client().get(\"/items/NOPE\").status_code == 404",
     "    status: str = create_app().test_client().get(\"/items/NOPE\").status_code\n    assert status == 404",
     "an int assigned to a str variable in tests/test_api.py (a type error)"),
    ("stockroom/pricing.py", "    return price * quantity * (100 - discount) // 100",
     "    return rounded(price * quantity * (100 - discount)) // 100\n\n\ndef rounded(value):\n    return value",
     "a function without annotations in stockroom/pricing.py (strict mode)"),
]:
    expect_caught(WORKFLOW, SERVICE_FILES, changed(SERVICE_FILES, where, old, new), label=what, gate="the type gate")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: a test gate with a coverage floor (3 points)
#
# Add a step (or steps) that run the whole pytest suite with coverage of the
# `stockroom` package (branch coverage, as `pyproject.toml` configures it)
# and exit non-zero when:
#
# - any test fails, in any file of `tests/`;
# - the total coverage of `stockroom` is **below 90%**.
#
# Either way is accepted: `pytest --cov=stockroom --cov-fail-under=90` (or
# `--cov` alone: `pyproject.toml` names the source), or `coverage run -m
# pytest` followed by `coverage report --fail-under=90`. Coverage is of the
# package: test files are not part of the percentage.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder.workflow import changed, expect_caught

expect_caught(
    WORKFLOW, SERVICE_FILES,
    changed(SERVICE_FILES, "stockroom/pricing.py", "(100 - discount) // 100", "(100 - discount) // 100 + 1"),
    label="a line total one cent too high (a failing test)", gate="the test gate",
)
expect_caught(
    WORKFLOW, SERVICE_FILES,
    changed(SERVICE_FILES, "stockroom/pricing.py", '    return price * quantity * (100 - discount) // 100\n',
            '    return price * quantity * (100 - discount) // 100\n\n\n'
            'def bulk_price(price: int, quantity: int) -> int:\n'
            '    """A price per item that falls with the quantity (untested)."""\n'
            '    if quantity >= 100:\n        rate = 80\n    elif quantity >= 50:\n        rate = 85\n'
            '    elif quantity >= 10:\n        rate = 90\n    elif quantity >= 5:\n        rate = 95\n'
            '    else:\n        rate = 100\n    unit = price * rate // 100\n    if unit < 1:\n        unit = 1\n'
            '    return unit * quantity\n'),
    label="an untested function in stockroom/pricing.py (coverage falls well below 90%)", gate="the coverage floor",
)

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.workflow import added, expect_caught

### BEGIN HIDDEN TESTS
returns_test = (
    "from stockroom.pricing import line_total\n\n\n"
    "def test_a_full_discount_is_free() -> None:\n    assert line_total(500, 2, discount=100) == 1\n"
)
expect_caught(
    WORKFLOW, SERVICE_FILES, added(SERVICE_FILES, "tests/test_returns.py", returns_test),
    label="a new test file, tests/test_returns.py, with a failing test", gate="the test gate",
)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task3_hidden_2", "points": 1}
# More tests of task 3 run here when your notebook is graded.
from autograder.workflow import changed, expect_caught

### BEGIN HIDDEN TESTS
expect_caught(
    WORKFLOW, SERVICE_FILES,
    changed(SERVICE_FILES, "stockroom/pricing.py", '    return price * quantity * (100 - discount) // 100\n',
            '    return price * quantity * (100 - discount) // 100\n\n\n'
            'def unit_price(total: int, quantity: int) -> int:\n'
            '    if quantity < 1:\n        raise ValueError("quantity must be positive")\n'
            '    return total // quantity\n'),
    label="a small untested function in stockroom/pricing.py (coverage of the package falls just below 90%)",
    gate="a floor of 90% package coverage",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: a Python version matrix and a dependency cache (3 points)
#
# `pyproject.toml` says `requires-python = ">=3.11"`, and production runs
# 3.12. Make the job that runs the tests (the one whose `run:` steps call
# `pytest` or `coverage`) a **matrix** over at least two supported versions
# (from `3.11`, `3.12`, `3.13`, `3.14`), and give each matrix entry its
# own Python: the job's `actions/setup-python` step takes its
# `python-version` from the matrix (`${{ matrix.NAME }}`). Write versions as
# strings; YAML reads `3.10` as the number `3.1`.
#
# Every job that sets up Python **caches its dependency downloads**, keyed
# on the lock file, so a change to `requirements.txt` gets a new cache. Any
# of these is accepted:
#
# - `actions/setup-python` with `cache: pip` (it keys the cache on
#   `requirements.txt` by default; a `cache-dependency-path`, if you give
#   one, must match the lock file's path in the workspace:
#   `src/requirements.txt` when you check out into `src`);
# - `astral-sh/setup-uv` with `enable-cache: true` (uv's cache; a
#   `cache-dependency-glob`, if you give one, must match that path too);
# - an `actions/cache` step in the job with a `path` (e.g. `~/.cache/pip`
#   or `~/.cache/uv`) and a `key` that includes `hashFiles(...)` of a
#   pattern matching that path.
#
# A pattern is accepted when it matches the lock file's path, even if it
# matches other files too (`**/*.txt`); one that misses it is refused.
#
# Grading does not run `uses:` steps: these checks read their settings.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder.workflow import expect_cached, expect_matrix

expect_matrix(WORKFLOW)
expect_cached(WORKFLOW)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.workflow import expect_matrix_python

### BEGIN HIDDEN TESTS
expect_matrix_python(WORKFLOW)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 1}
# More tests of task 4 run here when your notebook is graded.
from autograder.workflow import expect_cache_keyed_on

### BEGIN HIDDEN TESTS
expect_cache_keyed_on(WORKFLOW, "requirements.txt")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: one required check that blocks the merge (3 points)
#
# Branch protection will require **one** status check, the job with the id
# `gate`, so that adding a job or a matrix entry never means editing the
# repository's settings. Add it:
#
# - `gate` is a job of its own, **not a matrix job** (a matrix job reports
#   one check per entry, `gate (3.12)`, never one called `gate`), and
#   depends, directly or through other jobs' `needs:`, on **every** other
#   job of the workflow;
# - on the service as given, `gate` runs and succeeds;
# - when **any** `run:` step of the workflow exits non-zero, `gate` ends
#   **failed**: not green, and **not skipped** either (GitHub counts a skipped
#   required check as passed). No step may be allowed to fail quietly.
#
# The checks make each `run:` step of your workflow fail in turn and read the
# conclusion of `gate`. In `if:` conditions and `run:` lines grading
# evaluates `${{ ... }}` with the contexts `needs` (each job's `result`:
# `success`, `failure` or `skipped`), `matrix`, `github`, `runner` and
# `env`, the functions `always()`, `success()`, `failure()`, `cancelled()`,
# `contains()`, `startsWith()`, `endsWith()`, `format()`, and `needs.*.result`;
# anything else is refused with a message. Actions such as
# `re-actors/alls-green` are `uses:` steps, which grading does not run:
# write the check as a `run:` step.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder.workflow import expect_gate_shape

expect_gate_shape(WORKFLOW, SERVICE_FILES)

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder.workflow import expect_gate_red

### BEGIN HIDDEN TESTS
expect_gate_red(WORKFLOW, SERVICE_FILES)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Your workflow is merged. In a few sentences: (1) what must still be set up
# **outside the file** so that a red `gate` actually stops a merge into
# `main`, and what would let a red pull request in anyway; (2) why one
# aggregate `gate` job is required rather than each job, and why it needs
# `if: always()` (or an equivalent); (3) what a 90% coverage floor does and
# does not tell you, and how you would raise it on a codebase that is at 60%
# today without blocking every pull request.

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** (1) Branch protection (or a ruleset) on `main`: require
# pull requests, require the status check `gate` to pass (and, ideally, the
# branch to be up to date with `main` before merging, so the checks ran on
# what will actually be merged), and apply the rule to administrators too.
# Without it the workflow only *reports*; admins bypassing the rule, direct
# pushes to `main`, a workflow whose `on:` filters skip some pull requests
# (then the required check never reports and the PR waits, or, if it is not
# required, merges), and `continue-on-error` / `|| true` in a step all let red
# code in. (2) Required checks are named by job (and matrix entry): requiring
# each one means editing the settings whenever a job or Python version is
# added, and a forgotten one is silently optional. One `gate` job that needs
# all others gives one stable name. When a job it needs fails, a plain
# dependent job is **skipped**, and GitHub treats a skipped required check as
# passing, so the gate must run `if: always()` and fail unless every
# `needs.*.result` is `success` (cancelled and skipped count as red too).
# (3) Coverage says which lines and branches the tests *executed*, not that
# they asserted anything: 90% with weak assertions can miss real bugs, and
# the missing 10% may be the error handling that matters. It does catch new
# untested code. On a 60% codebase: set the floor at today's figure and
# ratchet it up as coverage rises (never down), or gate the *diff* (coverage
# of changed lines, e.g. diff-cover at 90%) so new code is tested while old
# code is improved over time.
#
# **Rubric (1 point each).**
# 1. Branch protection / a ruleset requiring the `gate` status check on
#    `main` (pull requests required, admins included), and at least one real
#    bypass named (admin override, direct push, `continue-on-error` or
#    `|| true`, a trigger filter that skips the workflow).
# 2. One stable required check name for all jobs and matrix entries, and the
#    skipped-counts-as-passed trap: `if: always()` plus failing on any
#    result other than `success`.
# 3. Coverage measures execution, not assertions; a ratchet (floor at the
#    current figure, raised over time) or a diff-coverage gate for new code.

"""autograder.workflow: reading a GitHub Actions workflow and running its run: steps here."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from autograder import CheckFailed, workflow
from autograder.workflow import (
    StepTimedOut,
    branch_matches,
    changed,
    evaluate,
    expect_cache_keyed_on,
    expect_cached,
    expect_caught,
    expect_gate_red,
    expect_gate_shape,
    expect_green,
    expect_matrix,
    expect_matrix_python,
    parse_workflow,
    run_workflow,
    schema_errors,
    triggers,
)

FILES = {"flag.txt": "ok\n"}

CHECK = """
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: grep -q ok flag.txt
  gate:
    if: always()
    needs: check
    runs-on: ubuntu-latest
    steps:
      - run: test "${{ needs.check.result }}" = success
"""


def test_on_is_read_as_on_and_triggers_take_every_form() -> None:
    assert "on" in parse_workflow(CHECK)
    assert set(triggers(parse_workflow(CHECK))) == {"push", "pull_request"}
    assert triggers({"on": "push"}) == {"push": {}}
    assert triggers({"on": {"pull_request": None}}) == {"pull_request": {}}


@pytest.mark.parametrize("text", ["a: [", "- 1", "on: push\n", 7])
def test_malformed_workflows_are_refused_with_a_message(text: object) -> None:
    with pytest.raises(CheckFailed):
        parse_workflow(text)


def test_branch_filters() -> None:
    assert branch_matches({}, "main")
    assert branch_matches({"branches": ["main"]}, "main")
    assert not branch_matches({"branches": ["master"]}, "main")
    assert branch_matches({"branches": ["**"]}, "main")
    assert not branch_matches({"branches": ["*", "!main"]}, "main")
    assert not branch_matches({"branches-ignore": ["main"]}, "main")
    assert branch_matches({"branches-ignore": ["dependabot/**"]}, "main")


def test_schema() -> None:
    assert schema_errors(CHECK) == []
    broken = CHECK.replace("    needs: check\n    runs-on: ubuntu-latest\n", "    needs: check\n")
    assert schema_errors(broken)


def test_expressions() -> None:
    contexts = {"needs": {"a": {"result": "success"}, "b": {"result": "skipped"}}, "matrix": {"py": "3.12"}}
    status = {"success": False, "failure": True, "always": True, "cancelled": False}
    assert evaluate("contains(needs.*.result, 'skipped')", contexts, status) is True
    assert evaluate("needs.a.result == 'SUCCESS' && !cancelled()", contexts, status) is True
    assert evaluate("format('py{0}', matrix.py)", contexts, status) == "py3.12"
    with pytest.raises(CheckFailed, match="secrets"):
        evaluate("secrets.TOKEN", contexts, status)


def test_a_green_workflow_and_a_gate() -> None:
    run = expect_green(CHECK, FILES)
    assert run.jobs["gate"].conclusion == "success"
    expect_gate_shape(CHECK, FILES)
    expect_gate_red(CHECK, FILES)


def test_a_job_without_checkout_sees_no_files() -> None:
    with pytest.raises(CheckFailed, match="exited with code"):
        expect_green(CHECK.replace("      - uses: actions/checkout@v4\n", ""), FILES)


def test_caught_and_not_caught() -> None:
    expect_caught(CHECK, FILES, changed(FILES, "flag.txt", "ok", "no"), label="a bad flag", gate="the flag")
    quiet = CHECK.replace("grep -q ok flag.txt", "grep -q ok flag.txt || true")
    with pytest.raises(CheckFailed, match="a bad flag"):
        expect_caught(quiet, FILES, changed(FILES, "flag.txt", "ok", "no"), label="a bad flag", gate="the flag")


def test_default_shell_has_no_pipefail_but_shell_bash_has() -> None:
    piped = CHECK.replace("grep -q ok flag.txt", "grep -q ok flag.txt | cat")
    bad = changed(FILES, "flag.txt", "ok", "no")
    assert run_workflow(piped, bad).jobs["check"].conclusion == "success"
    strict = piped.replace("      - run: grep -q ok flag.txt | cat", "      - run: grep -q ok flag.txt | cat\n        shell: bash")
    assert run_workflow(strict, bad).jobs["check"].conclusion == "failure"


def test_install_commands_are_no_ops() -> None:
    text = CHECK.replace(
        "      - run: grep -q ok flag.txt",
        "      - run: pip install -r requirements.txt && python -m pip install -e . && uv sync\n"
        "      - run: uv run --frozen grep -q ok flag.txt",
    )
    expect_green(text, FILES)


def test_a_gate_without_always_is_skipped_and_refused() -> None:
    text = CHECK.replace("    if: always()\n", "")
    with pytest.raises(CheckFailed, match="skipped"):
        expect_gate_red(text, FILES)


def test_continue_on_error_leaves_the_gate_green_and_is_refused() -> None:
    text = CHECK.replace("      - run: grep -q ok flag.txt", "      - run: grep -q ok flag.txt\n        continue-on-error: true")
    with pytest.raises(CheckFailed, match="should fail"):
        expect_gate_red(text, FILES)


def test_a_gate_that_misses_a_job() -> None:
    text = CHECK + "  other:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true\n"
    with pytest.raises(CheckFailed, match="other"):
        expect_gate_shape(text, FILES)


MATRIX = """
on: push
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        py: ["3.11", "3.12"]
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.py }}
          cache: pip
      - run: echo pytest
"""


def test_matrix_and_cache_settings() -> None:
    expect_matrix(MATRIX)
    expect_matrix_python(MATRIX)
    expect_cached(MATRIX)
    expect_cache_keyed_on(MATRIX, "requirements.txt")
    with pytest.raises(CheckFailed):
        expect_matrix_python(MATRIX.replace("${{ matrix.py }}", '"3.12"'))
    with pytest.raises(CheckFailed, match="supported"):
        expect_matrix_python(MATRIX.replace('["3.11", "3.12"]', "[3.10, 3.12]"))
    with pytest.raises(CheckFailed):
        expect_cached(MATRIX.replace("          cache: pip\n", ""))
    with pytest.raises(CheckFailed):
        expect_cache_keyed_on(MATRIX.replace("cache: pip", "cache: pip\n          cache-dependency-path: poetry.lock"),
                              "requirements.txt")
    keyed = MATRIX.replace("          cache: pip\n", "") + (
        "      - uses: actions/cache@v4\n        with:\n          path: ~/.cache/pip\n"
        "          key: pip-${{ hashFiles('**/requirements.txt') }}\n"
    )
    expect_cache_keyed_on(keyed, "requirements.txt")
    with pytest.raises(CheckFailed):
        expect_cache_keyed_on(keyed.replace("${{ hashFiles('**/requirements.txt') }}", "v1"), "requirements.txt")


def test_a_step_that_hangs_is_stopped_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workflow, "STEP_TIMEOUT", 1.0)
    hanging = CHECK.replace("grep -q ok flag.txt", "echo waiting; sleep 30")
    with pytest.raises(StepTimedOut, match=r"job `check`, step 2 \(echo waiting; sleep 30\) did not end within 1 s"):
        run_workflow(hanging, FILES)


def test_warm_up_publishes_a_cache_that_the_next_process_takes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    files = {"pyproject.toml": '[tool.mypy]\nfiles = ["m.py"]\n', "m.py": "X: int = 1\n"}
    monkeypatch.setattr(workflow, "_mypy_cache", lambda: tmp_path / "first")
    workflow.warm_up(files)
    assert (tmp_path / "first").is_dir()
    assert (workflow._shared_mypy_cache(files) / "done").is_file()

    def no_mypy(*args: object) -> tuple[int, str, bool]:
        raise AssertionError("the published cache should be taken, not mypy run again")

    monkeypatch.setattr(workflow, "_mypy_cache", lambda: tmp_path / "second")
    monkeypatch.setattr(workflow, "_run_command", no_mypy)
    workflow.warm_up(files)
    assert (tmp_path / "second" / "done").is_file()


def test_cache_patterns_are_resolved_from_the_workspace_root() -> None:
    into_src = MATRIX.replace(
        "    steps:\n", "    steps:\n      - uses: actions/checkout@v4\n        with:\n          path: src\n"
    ).replace("cache: pip", "cache: pip\n          cache-dependency-path: src/requirements.txt")
    expect_cache_keyed_on(into_src, "requirements.txt")
    expect_cache_keyed_on(into_src.replace("src/requirements.txt", "'**/*.txt'"), "requirements.txt")
    with pytest.raises(CheckFailed, match="src/requirements.txt"):
        expect_cache_keyed_on(into_src.replace("path: src/requirements.txt", "path: requirements.txt"),
                              "requirements.txt")
    with pytest.raises(CheckFailed):
        expect_cache_keyed_on(into_src.replace("src/requirements.txt", "src/requirements/*.txt"), "requirements.txt")
    keyed = into_src.replace("          cache: pip\n          cache-dependency-path: src/requirements.txt\n", "") + (
        "      - uses: actions/cache@v4\n        with:\n          path: ~/.cache/pip\n"
        "          key: pip-${{ hashFiles('src/requirements.txt') }}\n"
    )
    expect_cache_keyed_on(keyed, "requirements.txt")
    with pytest.raises(CheckFailed):
        expect_cache_keyed_on(keyed.replace("hashFiles('src/requirements.txt')", "hashFiles('docs/requirements.txt')"),
                              "requirements.txt")


def test_setup_uv_with_its_cache_enabled_counts_as_a_cache() -> None:
    uv = MATRIX.replace("          cache: pip\n", "") + (
        "      - uses: astral-sh/setup-uv@v6\n        with:\n          enable-cache: true\n"
    )
    expect_cached(uv)
    expect_cache_keyed_on(uv, "requirements.txt")
    with pytest.raises(CheckFailed):
        expect_cached(uv.replace("enable-cache: true", "enable-cache: false"))
    with pytest.raises(CheckFailed):
        expect_cache_keyed_on(uv + "          cache-dependency-glob: poetry.lock\n", "requirements.txt")


def test_a_matrix_gate_is_refused() -> None:
    with pytest.raises(CheckFailed, match="matrix"):
        expect_gate_shape(MATRIX.replace("  test:", "  gate:"), {})

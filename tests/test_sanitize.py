"""flasklab.sanitize.CheckCellMetadata: nbgrader's metadata check, with its schema checked once per process."""

from __future__ import annotations

import copy

import jsonschema
import pytest
from nbgrader.nbgraderformat import ValidationError
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheck

import harness
from flasklab import sanitize

RELEASE = harness.untouched("01_routing")["routing"]


def _graded_cell(nb):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade"))


def _corrupt(change):
    nb = copy.deepcopy(RELEASE)
    change(_graded_cell(nb).metadata["nbgrader"])
    return nb


CORRUPTIONS = {
    "points are text": lambda meta: meta.update(points="three"),
    "points are missing": lambda meta: meta.pop("points"),
    "grade_id is empty": lambda meta: meta.update(grade_id=""),
    "grade is not a boolean": lambda meta: meta.update(grade="yes"),
    "schema version too new": lambda meta: meta.update(schema_version=9),
    "schema version too old": lambda meta: meta.update(schema_version=1),
}


def _verdict(step, nb) -> str:
    try:
        step().preprocess(copy.deepcopy(nb), {})
    except Exception as error:  # noqa: BLE001 - the verdict is the exception's type and message
        return f"{type(error).__name__}: {error}"
    return "valid"


def test_a_released_notebook_is_valid_to_both():
    assert _verdict(sanitize.CheckCellMetadata, RELEASE) == _verdict(NbgraderCheck, RELEASE) == "valid"


@pytest.mark.parametrize("corruption", CORRUPTIONS)
def test_corrupted_metadata_is_refused_as_nbgrader_refuses_it(corruption):
    nb = _corrupt(CORRUPTIONS[corruption])
    ours, theirs = _verdict(sanitize.CheckCellMetadata, nb), _verdict(NbgraderCheck, nb)
    assert ours == theirs != "valid", f"{corruption}: nbgrader says {theirs!r}, flasklab.sanitize says {ours!r}"


def test_the_same_schema_violation_is_reported():
    with pytest.raises(jsonschema.ValidationError) as theirs:
        jsonschema.validate({"grade": "yes"}, {"type": "object", "properties": {"grade": {"type": "boolean"}}})
    with pytest.raises(jsonschema.ValidationError) as ours:
        sanitize.validate_once({"grade": "yes"}, {"type": "object", "properties": {"grade": {"type": "boolean"}}})
    assert (ours.value.message, list(ours.value.path)) == (theirs.value.message, list(theirs.value.path))


def test_a_broken_schema_is_still_refused():
    with pytest.raises(jsonschema.SchemaError):
        sanitize.validate_once({}, {"type": 12})


def test_the_schema_is_checked_once_per_process_not_once_per_cell(monkeypatch):
    looked_up = []
    real = jsonschema.validators.validator_for

    def counting(schema, *args, **kwargs):
        if isinstance(schema, dict) and "grade_id" in schema.get("properties", {}):  # nbgrader's, not a metaschema
            looked_up.append(schema)
        return real(schema, *args, **kwargs)

    monkeypatch.setattr(jsonschema.validators, "validator_for", counting)
    monkeypatch.setattr(sanitize, "_VALIDATORS", {})
    cells = sum("nbgrader" in c.metadata for c in RELEASE.cells)
    assert cells > 10
    NbgraderCheck().preprocess(copy.deepcopy(RELEASE), {})
    assert len(looked_up) == cells, "the spy does not see nbgrader's own schema checks"
    looked_up.clear()
    for _ in range(3):
        sanitize.CheckCellMetadata().preprocess(copy.deepcopy(RELEASE), {})
    assert len(looked_up) == 1, f"the schema was checked {len(looked_up)} times for three notebooks"


def test_nothing_is_left_patched_after_a_step():
    sanitize.CheckCellMetadata().preprocess(copy.deepcopy(RELEASE), {})
    with pytest.raises(ValidationError):
        sanitize.CheckCellMetadata().preprocess(_corrupt(CORRUPTIONS["points are text"]), {})
    assert jsonschema.validate is not sanitize.validate_once


# --- Test cells run in a copy of the notebook's namespace -------------------------------------------


def _run_as_graded(source: str, namespace: dict) -> None:
    exec(compile(sanitize.isolated(source, "task1_visible"), "<cell>", "exec"), namespace)  # noqa: S102


def test_a_test_cell_binds_nothing_in_the_notebook():
    def helper():
        return "the candidate's"

    namespace = {"_reply": helper, "app": "the candidate's app"}
    _run_as_graded("_reply = 1\napp = 2\nfor key in range(3):\n    pass\n_made = _reply + app", namespace)
    assert namespace["_reply"] is helper and namespace["app"] == "the candidate's app"
    assert "key" not in namespace and "_made" not in namespace


def test_a_test_cell_sees_the_candidates_names_and_its_failure_is_unchanged():
    namespace = {"create_app": lambda: "built"}
    _run_as_graded("assert create_app() == 'built'", namespace)
    with pytest.raises(AssertionError, match="^GET /books should be 200$"):
        _run_as_graded("assert create_app() == 'other', 'GET /books should be 200'", namespace)
    with pytest.raises(NameError, match="create_app"):
        _run_as_graded("create_app()", {})


def test_names_a_candidate_shadows_do_not_break_the_statement():
    def broken(*args, **kwargs):
        raise RuntimeError("the candidate's own function")

    # (A candidate's own __import__ or __builtins__ is flagged by flasklab.integrity before any grade counts.)
    namespace = dict.fromkeys(("dict", "compile", "exec", "globals", "builtins"), broken)
    _run_as_graded("_x = 1", namespace)  # nothing raised
    assert "_x" not in namespace


def test_the_test_cells_text_is_kept_exactly():
    source = "s = '''\\n  it's \"quoted\" \\\\ '''\nassert s.startswith('\\n')"
    namespace: dict = {}
    _run_as_graded(source, namespace)
    assert sanitize.isolated(source, "t").count("\n") == 0, "the statement is one line"


def test_only_test_cells_are_rewritten_and_every_one_is_restored():
    nb = copy.deepcopy(RELEASE)
    before = [cell.source for cell in nb.cells]
    resources: dict = {}
    nb, resources = sanitize.IsolateTestCells().preprocess(nb, resources)
    changed = [i for i, cell in enumerate(nb.cells) if cell.source != before[i]]
    tests = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
             and not cell.metadata["nbgrader"].get("solution")]
    assert changed == tests and len(tests) >= 5
    assert all(nb.cells[i].source.startswith('__import__("builtins").exec(') for i in tests)
    nb, resources = sanitize.RestoreTestCells().preprocess(nb, resources)
    assert [cell.source for cell in nb.cells] == before

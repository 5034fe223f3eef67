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

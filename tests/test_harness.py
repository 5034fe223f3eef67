"""The submission files of the fairness harness and the corpus: do they load, and fail loudly when stale?

Fast (no nbgrader run). A kept mistake is stored as ``old -> new`` patches of
our solution cell (see ``harness``); when our solution changes under it, the
guard below fails naming the file, instead of grading a submission that no
longer makes its mistake.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import test_grade_corpus as corpus

import harness

EXERCISE, CELL = "01_routing", "your_app"


def _ours_cell() -> str:
    (nb,) = harness.ours(EXERCISE).values()
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == CELL]
    return cell.source


def _applied_cell(submission: harness.Submission) -> str:
    (nb,) = harness.apply(submission).values()
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == CELL]
    return cell.source


def _unique_line(text: str) -> str:
    """A non-blank line of ``text`` that occurs in it exactly once, as a whole line and as a substring."""
    return next(line for line in text.splitlines() if line.strip() and text.count(line) == 1)


def _write(tmp_path: Path, body: str, name: str = "mistake_example.py") -> Path:
    path = tmp_path / name
    path.write_text(f'"""An example.\n\nexpect: task1_visible\n"""\n# %% {CELL}\n{body}\n', encoding="utf-8")
    return path


def _load(path: Path) -> harness.Submission:
    return harness.load_submission(EXERCISE, path)


def test_a_patch_replaces_its_old_text_in_our_solution(tmp_path):
    ours = _ours_cell()
    line = _unique_line(ours)
    submission = _load(_write(tmp_path, f"# - {line}\n# + {line}  # changed\n# +\n# + # added"))
    assert isinstance(submission.cells[(None, CELL)], harness.Patch)
    assert _applied_cell(submission) == ours.replace(line, f"{line}  # changed\n\n# added")


def test_replacements_apply_in_order_and_blank_lines_only_separate_them(tmp_path):
    ours = _ours_cell()
    unique = [line for line in ours.splitlines() if line.strip() and ours.count(line) == 1]
    first = unique[0]
    second = next(line for line in unique[1:] if line not in first and first not in line)
    body = f"# - {first}\n# + {first}  # one\n\n# - {second}\n# + {second}  # two"
    expected = ours.replace(first, f"{first}  # one").replace(second, f"{second}  # two")
    assert _applied_cell(_load(_write(tmp_path, body))) == expected


def test_old_text_that_no_longer_occurs_fails_naming_the_file_and_the_text(tmp_path):
    gone = "    return jsonify(error='this line is not in our solution')"
    path = _write(tmp_path, f"# - {gone}\n# + {gone}  # changed")
    with pytest.raises(ValueError) as failure:
        harness.apply(_load(path))
    message = str(failure.value)
    assert str(path) in message and repr(CELL) in message
    assert "no longer occurs" in message
    assert gone in message


def test_old_text_that_occurs_twice_fails(tmp_path):
    ours = _ours_cell()
    counts = Counter(line for line in ours.splitlines() if line.strip())
    twice = next(line for line, n in counts.items() if n >= 2)
    path = _write(tmp_path, f"# - {twice}\n# + {twice}  # which one?")
    with pytest.raises(ValueError, match=r"occurs \d+ times") as failure:
        harness.apply(_load(path))
    assert str(path) in str(failure.value) and twice in str(failure.value)


def test_a_new_text_without_old_text_before_it_fails(tmp_path):
    path = _write(tmp_path, "# + print('no old text')")
    with pytest.raises(ValueError, match="needs '# -' lines") as failure:
        _load(path)
    assert str(path) in str(failure.value)


def test_a_block_with_any_other_line_is_the_whole_cell(tmp_path):
    whole = "# - not a patch once a plain line follows\ndef create_app(test_config=None):\n    return None"
    submission = _load(_write(tmp_path, whole))
    assert submission.cells[(None, CELL)] == whole
    assert _applied_cell(submission) == whole


def test_a_corpus_case_with_a_stale_patch_fails_naming_the_file(tmp_path):
    path = tmp_path / "stale_patch.py"
    path.write_text(
        '"""A case whose edit no longer applies.\n\nexercise: 01_routing\nexpect: zero\n"""\n'
        f"# %% {CELL}\n# -     return 'not in our solution'\n# +     return 'anything'\n",
        encoding="utf-8",
    )
    case = corpus.load_case(path)
    assert isinstance(case.blocks[0].body, harness.Patch)
    with pytest.raises(ValueError, match="no longer occurs") as failure:
        corpus.build_case(case)
    assert str(path) in str(failure.value)


# -- base: a mistake stored as a patch of a kept alternative ------------------------------------

ALTERNATIVE_LINE = "# an alternative's own line, not in our solution"
VISIBLE = "task1_visible"


def _cell(notebooks: dict, grade_id: str) -> str:
    (nb,) = notebooks.values()
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    return cell.source


def _alternative(tmp_path: Path, name: str = "alternative_example", doc: str = "") -> tuple[Path, str]:
    """A kept alternative of 01_routing whose your_app is our solution with ALTERNATIVE_LINE added; returns its text."""
    text = f"{_ours_cell()}\n{ALTERNATIVE_LINE}"
    path = tmp_path / f"{name}.py"
    path.write_text(f'"""A correct alternative.\n\nexpect: full marks\n{doc}"""\n# %% {CELL}\n{text}\n', encoding="utf-8")
    return path, text


def _based(tmp_path: Path, base: str, blocks: str, name: str = "mistake_based.py") -> Path:
    path = tmp_path / name
    path.write_text(f'"""A slip in an alternative.\n\nexpect: task1_visible\nbase: {base}\n"""\n{blocks}\n', encoding="utf-8")
    return path


def test_a_patch_with_a_base_edits_the_alternatives_cell(tmp_path):
    _, text = _alternative(tmp_path)
    path = _based(tmp_path, "alternative_example", f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # the slip")
    submission = _load(path)
    assert submission.base == "alternative_example"
    assert _applied_cell(submission) == text.replace(ALTERNATIVE_LINE, "# the slip")


def test_cells_a_based_mistake_does_not_name_keep_the_bases_text(tmp_path):
    alternative, text = _alternative(tmp_path)
    visible = _cell(harness.ours(EXERCISE), VISIBLE)
    line = _unique_line(visible)
    path = _based(tmp_path, "alternative_example", f"# %% {VISIBLE}\n# - {line}\n# + {line}  # tampered")
    applied = harness.apply(_load(path))
    assert _cell(applied, CELL) == text == _cell(harness.apply(_load(alternative)), CELL)
    # a cell the alternative does not name either is patched as our solution has it
    assert _cell(applied, VISIBLE) == visible.replace(line, f"{line}  # tampered")


def test_a_whole_block_of_a_based_mistake_stays_whole(tmp_path):
    _alternative(tmp_path)
    path = _based(tmp_path, "alternative_example", f"# %% {CELL}\ndef create_app(test_config=None):\n    return None")
    assert _applied_cell(_load(path)) == "def create_app(test_config=None):\n    return None"


def test_a_base_that_does_not_exist_fails_naming_the_file(tmp_path):
    path = _based(tmp_path, "alternative_missing", f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # the slip")
    with pytest.raises(ValueError, match="'alternative_missing' does not exist") as failure:
        _load(path)
    assert str(path) in str(failure.value)


def test_a_base_that_is_not_an_alternative_fails_naming_the_file(tmp_path):
    _write(tmp_path, f"# - {_unique_line(_ours_cell())}\n# + # other", name="mistake_other.py")
    path = _based(tmp_path, "mistake_other", f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # the slip")
    with pytest.raises(ValueError, match="'mistake_other' is not a kept alternative") as failure:
        _load(path)
    assert str(path) in str(failure.value)


def test_a_base_with_a_base_line_of_its_own_fails_naming_the_file(tmp_path):
    _alternative(tmp_path, "alternative_first")
    _alternative(tmp_path, "alternative_second", doc="base: alternative_first\n")
    path = _based(tmp_path, "alternative_second", f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # the slip")
    with pytest.raises(ValueError, match="'alternative_second' has a 'base:' line itself") as failure:
        _load(path)
    assert str(path) in str(failure.value)


def test_two_base_lines_fail(tmp_path):
    _alternative(tmp_path)
    path = tmp_path / "mistake_two_bases.py"
    path.write_text(
        f'"""Two bases.\n\nexpect: task1_visible\nbase: alternative_example\nbase: alternative_example\n"""\n'
        f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # the slip\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="2 'base:' lines") as failure:
        _load(path)
    assert str(path) in str(failure.value)


def test_a_replacement_not_in_the_bases_cell_fails_naming_both_files(tmp_path):
    """Text of our solution that the alternative rewrote is no base for a patch."""
    alternative, text = _alternative(tmp_path)
    line = _unique_line(_ours_cell())
    alternative.write_text(alternative.read_text(encoding="utf-8").replace(line, "# rewritten"), encoding="utf-8")
    path = _based(tmp_path, "alternative_example", f"# %% {CELL}\n# - {line}\n# + {line}  # changed")
    with pytest.raises(ValueError, match="no longer occurs in the cell of its base alternative_example") as failure:
        harness.apply(_load(path))
    assert str(path) in str(failure.value) and str(alternative) in str(failure.value) and line in str(failure.value)


def test_a_replacement_twice_in_the_bases_cell_fails(tmp_path):
    alternative, _ = _alternative(tmp_path)
    alternative.write_text(
        alternative.read_text(encoding="utf-8").replace(ALTERNATIVE_LINE, f"{ALTERNATIVE_LINE}\n{ALTERNATIVE_LINE}"),
        encoding="utf-8",
    )
    path = _based(tmp_path, "alternative_example", f"# %% {CELL}\n# - {ALTERNATIVE_LINE}\n# + # which one?")
    with pytest.raises(ValueError, match="occurs 2 times in the cell of its base alternative_example") as failure:
        harness.apply(_load(path))
    assert str(path) in str(failure.value)


# -- the guard: every kept file still applies to the current solution ---------------------------

SUBMISSION_FILES = sorted(harness.SUBMISSIONS.glob("*/*.py"))
CORPUS_FILES = sorted(corpus.CORPUS.glob("*.py"))


@pytest.mark.parametrize("path", SUBMISSION_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_kept_submission_applies_to_the_current_solution(path):
    """Does each kept submission load and apply, changing every cell it names (from ours and from its base)?"""
    submission = harness.load_submission(path.parent.name, path)
    applied = harness.apply(submission)
    ours = harness.ours(submission.exercise)
    for notebook, grade_id in submission.cells:
        names = [notebook] if notebook else list(ours)
        before = [c.source for n in names for c in ours[n].cells
                  if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        after = [c.source for n in names for c in applied[n].cells
                 if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
        assert before != after, f"{path}: cell {grade_id!r} is the same as in our solution"
        if submission.base_path is not None:
            base = harness.apply(harness.load_submission(submission.exercise, submission.base_path))
            of_base = [c.source for n in names for c in base[n].cells
                       if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
            assert of_base != after, f"{path}: cell {grade_id!r} is the same as in its base {submission.base}"


def test_the_guard_covers_every_kept_file():
    assert len(SUBMISSION_FILES) >= 100 and len(CORPUS_FILES) >= 20
    assert sum(isinstance(t, harness.Patch) for p in SUBMISSION_FILES
               for t in harness.load_submission(p.parent.name, p).cells.values()) >= 70


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_case_builds_against_the_current_solution(path):
    """Does each corpus case load and build into the file its candidate hands in?"""
    case = corpus.load_case(path)
    file, data = corpus.build_case(case)
    assert file and (data or any(b.op == "raw" for b in case.blocks))


def test_a_fairness_course_starts_kernels_without_the_debugger_and_the_projects_config_names_no_manager(tmp_path):
    from flasklab.course import nbgrader_config
    from flasklab.sandbox import SandboxedKernelManager

    course = harness.fairness_course(tmp_path / "course")
    config = nbgrader_config(course.root)
    assert config.Execute.kernel_manager_class == "flasklab.sandbox.SandboxedKernelManager"
    manager = SandboxedKernelManager(config=config)
    shutil.rmtree(manager.run_dir)  # made for a kernel that this test never starts
    assert (manager.sandboxed, manager.debugger) == (False, False)
    # The project's own nbgrader_config.py, which flasklab grade reads, names no kernel manager.
    assert "kernel_manager_class" not in nbgrader_config(harness.ROOT).Execute

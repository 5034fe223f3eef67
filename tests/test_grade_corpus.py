"""Hostile and broken submissions, graded together by `flasklab grade` in one batch.

Every file in ``tests/corpus/*.py`` is one candidate (the file stem with ``_``
replaced by ``-``). The test builds all of them into ONE folder of candidate
folders, runs ``flasklab grade`` on it ONCE as a subprocess (sandboxed, two
workers, ``--timeout 10``), and checks each candidate's rows of scores.json
against what its code honestly earns. The batch must finish with every
candidate in scores.json, whatever any one of them does.

Case file format (Python, like tests/submissions)::

    \"\"\"One line: what the candidate did.

    Free text: why the expectation is what the code earns.

    exercise: 01_routing
    expect: lose task3
    \"\"\"
    # %% your_app
    # -     def book_create():
    # +     def book_create():
    # +         while True:
    # +             pass

Docstring lines (``key: value``, each at most once):

- ``exercise:`` the exercise whose rows are expected (also the release and
  solution the case starts from). Required.
- ``expect:`` one of
  ``zero`` (every auto-graded task scores 0),
  ``full marks`` (every auto-graded task scores all its points),
  ``lose taskA, taskB`` (exactly those auto-graded tasks lose points, every
  other one is full), or
  ``unmatched`` (exactly one row: exercise and task null, score 0 of 0, an
  ``unmatched: ...`` flag; nothing graded). Required.
- ``flags:`` optional, comma separated. Each item must be a prefix of some flag
  on the candidate's rows (``killed``, ``died``, ``integrity``, ``output``,
  ``cells deleted``, ``unmatched: routing.ipynb: an older release``).
  ``flags: none`` means the candidate's rows carry no flag at all. Without
  ``flags:``, any flag is accepted except ``not graded`` and ``grading
  failed`` (the batch must grade every notebook it matched).
- ``base:`` optional, ``ours`` (default: the release notebook with our
  solution pasted in, ``harness.ours``) or ``untouched`` (``harness.untouched``).
- ``file:`` optional: the file name in the candidate's folder (default: the
  exercise's release notebook name, e.g. ``routing.ipynb``).

Blocks, applied in this order: every ``# %% GRADE_ID`` replacement first, then
the structural blocks in file order.

- ``# %% GRADE_ID``: the cell with that nbgrader grade id gets the block as its
  source (as in tests/submissions; naming a locked cell edits it). As there, a
  block of only ``# - old`` / ``# + new`` lines is a patch (``harness.Patch``)
  of the cell's text in the base (our solution, or the released text): each
  old text (indentation kept, a bare ``# -`` is an empty line) must occur
  exactly once, else building the case fails naming the file. A case that
  edits our solution is written this way, so it keeps up with the solution
  and cannot silently lose its edit; any other block is the whole cell text.
- ``# %% raw``: the file is the block's text, byte for byte (less the blank
  lines around it); an empty block is an empty file. No other block may be used.
- ``# %% delete GRADE_ID``: the cell is removed from the notebook.
- ``# %% move GRADE_ID to end``: the cell is moved to the end of the notebook.
- ``# %% duplicate GRADE_ID``: a copy of the cell (nbgrader metadata included,
  a new cell id) with the block as its source goes right after the cell; a
  patch block edits the copy of the cell's text (after any replacement).
- ``# %% prepend GRADE_ID`` / ``# %% append GRADE_ID``: the block goes before
  or after the cell's text (our solution, unless replaced): a hostile cell
  that leaves our solution intact is written as the code it adds, not as a
  copy of the solution.
- ``# %% old-release``: simulate an earlier release: every locked cell except
  ``flasklab_setup`` gets changed text and a recomputed nbgrader checksum.

Six cases are checked further by their own tests below (searches_for_instructor_files,
leaves_processes_behind, probes_the_network, writes_outside_its_folder,
swaps_its_notebook_for_a_symlink, symlinks_to_instructor_files): what the
candidate's code printed or wrote into its own working copy (kept by
``flasklab grade`` in ``OUT/course/autograded/<candidate>/<exercise>/``) and
what it left on the host.

An expectation says what the code honestly earns, never what the grader
happens to give: when a case fails because ``flasklab grade`` is wrong, fix the
grader, not the case.
"""

from __future__ import annotations

import copy
import inspect
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from nbformat import NotebookNode

import harness
from autograder.conventions import task_of

pytestmark = [pytest.mark.nbgrader, pytest.mark.xdist_group("corpus")]

CORPUS = harness.ROOT / "tests" / "corpus"
_BLOCK = re.compile(r"^# %% (?P<head>\S.*?)\s*$")
_DOCSTRING = re.compile(r'\A\s*"""(?P<doc>.*?)"""', re.S)
_KEYS = ("exercise", "expect", "flags", "base", "file")
#: Flags saying that the batch gave up on a notebook it matched.
_GAVE_UP = ("not graded", "grading failed")
#: The markers in the names of files hostile cells try to write outside their working copy
#: (writes_outside_its_folder, leaves_processes_behind, swaps_its_notebook_for_a_symlink).
INTRUDER, LEFTOVER, SWAPPED = "corpus-intruder", "corpus-leftover", "corpus-swapped"


@dataclass(frozen=True)
class Block:
    op: str  # "replace" | "raw" | "delete" | "move" | "duplicate" | "prepend" | "append" | "old-release"
    args: tuple[str, ...]
    body: str | harness.Patch  # a Patch only for "replace" and "duplicate"


@dataclass(frozen=True, repr=False)
class Case:
    """One corpus file and what grading it must give."""

    name: str
    path: Path
    description: str
    exercise: str
    expect: str  # "zero" | "full marks" | "lose" | "unmatched"
    lose: frozenset[str]
    flags: tuple[str, ...]
    no_flags: bool
    base: str
    file: str | None
    blocks: tuple[Block, ...]

    def __repr__(self) -> str:
        return f"Case({self.name!r}, {self.expected_text!r})"

    @property
    def candidate(self) -> str:
        return self.name.replace("_", "-")

    @property
    def expected_text(self) -> str:
        what = f"lose {', '.join(sorted(self.lose))}" if self.expect == "lose" else self.expect
        return f"{self.exercise}: {what}"


# -- reading and building cases ------------------------------------------------------


def _parse_block_head(head: str, path: Path) -> tuple[str, tuple[str, ...]]:
    words = head.split()
    if words == ["raw"] or words == ["old-release"]:
        return words[0], ()
    if words[0] in ("delete", "duplicate", "prepend", "append") and len(words) == 2:
        return words[0], (words[1],)
    if words[0] == "move" and len(words) == 4 and words[2:] == ["to", "end"]:
        return "move", (words[1],)
    if len(words) == 1 and re.fullmatch(r"[\w-]+", words[0]):
        return "replace", (words[0],)
    raise ValueError(f"{path}: unknown block '# %% {head}'")


def load_case(path: Path) -> Case:
    """Parse one corpus file; raise ValueError naming the file on a mistake."""
    text = path.read_text(encoding="utf-8")
    # Not ast: a raw block (a damaged notebook) is not Python.
    docstring = _DOCSTRING.match(text)
    doc = inspect.cleandoc(docstring["doc"]) if docstring else ""
    if not doc.strip():
        raise ValueError(f"{path}: needs a docstring with a one-line description")
    meta: dict[str, str] = {}
    for line in doc.splitlines():
        key, sep, value = line.partition(":")
        if sep and key in _KEYS:
            if key in meta:
                raise ValueError(f"{path}: '{key}:' given twice")
            meta[key] = value.strip()
    for key in ("exercise", "expect"):
        if key not in meta:
            raise ValueError(f"{path}: the docstring needs an '{key}:' line")
    if meta["exercise"] not in harness.exercises():
        raise ValueError(f"{path}: no exercise {meta['exercise']!r}")
    value = meta["expect"]
    lose: frozenset[str] = frozenset()
    if value.startswith("lose "):
        expect = "lose"
        lose = frozenset(t.strip() for t in value.removeprefix("lose ").split(",") if t.strip())
        unknown = lose - _tasks(meta["exercise"])[0]
        if not lose or unknown:
            raise ValueError(f"{path}: 'expect: lose' names no auto-graded task of {meta['exercise']}: {sorted(unknown)}")
    elif value in ("zero", "full marks", "unmatched"):
        expect = value
    else:
        raise ValueError(f"{path}: expect must be 'zero', 'full marks', 'lose taskN, ...' or 'unmatched', not {value!r}")
    flags = tuple(f.strip() for f in meta.get("flags", "").split(",") if f.strip())
    no_flags = flags == ("none",)
    base = meta.get("base", "ours")
    if base not in ("ours", "untouched"):
        raise ValueError(f"{path}: base must be 'ours' or 'untouched'")

    blocks: list[Block] = []
    head: str | None = None
    lines: list[str] = []

    def close() -> None:
        if head is not None:
            op, args = _parse_block_head(head, path)
            if op in ("replace", "duplicate"):
                body: str | harness.Patch = harness.parse_block(lines, path, args[0])
            else:
                body = "\n".join(lines).strip("\n")
            blocks.append(Block(op, args, body))

    for line in text.splitlines():
        marker = _BLOCK.match(line)
        if marker:
            close()
            head, lines = marker["head"], []
        elif head is not None:
            lines.append(line)
    close()
    if any(b.op == "raw" for b in blocks) and len(blocks) != 1:
        raise ValueError(f"{path}: a '# %% raw' block must be the only block")
    return Case(path.stem, path, doc.splitlines()[0], meta["exercise"], expect, lose, () if no_flags else flags,
                no_flags, base, meta.get("file"), tuple(blocks))


def cases() -> list[Case]:
    return [load_case(p) for p in sorted(CORPUS.glob("*.py"))]


def _tasks(exercise: str) -> tuple[set[str], set[str]]:
    """The auto-graded and the person-graded tasks of an exercise, from its instructor notebooks."""
    auto: set[str] = set()
    person: set[str] = set()
    for nb in harness.read_notebooks(harness.ROOT / "source" / exercise).values():
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade"):
                (auto if cell.cell_type == "code" else person).add(task_of(meta["grade_id"]))
    return auto, person


def _find(nb: NotebookNode, grade_id: str, case: Case) -> int:
    hits = [n for n, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    if len(hits) != 1:
        raise ValueError(f"{case.path}: grade id {grade_id!r} matches {len(hits)} cells, expected 1")
    return hits[0]


def _old_release(nb: NotebookNode) -> None:
    from nbgrader.utils import compute_checksum

    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("locked") and not meta.get("solution") and meta.get("grade_id") != "flasklab_setup":
            cell.source = ("<!-- release 2025-09 -->\n" if cell.cell_type == "markdown" else "# release 2025-09\n") \
                + cell.source.replace("book", "volume")
            meta["checksum"] = compute_checksum(cell)


def _text(body: str | harness.Patch, current: str, case: Case, grade_id: str) -> str:
    """A block's cell text: the block itself, or its patch applied to the cell's current text."""
    if isinstance(body, harness.Patch):
        return body.apply(current, f"{case.path}: cell {grade_id!r}")
    return body


def build_case(case: Case) -> tuple[str, bytes]:
    """Return the file name and the bytes the candidate hands in."""
    release = harness.untouched(case.exercise)
    if len(release) != 1:
        raise ValueError(f"{case.path}: {case.exercise} has {len(release)} notebooks; cases handle one")
    (name,) = release
    file = case.file or f"{name}.ipynb"
    if case.blocks and case.blocks[0].op == "raw":
        return file, case.blocks[0].body.encode("utf-8")
    replacements = {(None, b.args[0]): b.body for b in case.blocks if b.op == "replace"}
    if case.base == "ours":
        submission = harness.Submission(case.exercise, case.name, case.path, case.description, frozenset(), replacements)
        nb = harness.apply(submission)[name] if replacements else harness.ours(case.exercise)[name]
    else:
        nb = copy.deepcopy(release[name])
        for (_, gid), text in replacements.items():
            cell = nb.cells[_find(nb, gid, case)]
            cell.source = _text(text, cell.source, case, gid)
    for block in case.blocks:
        if block.op == "delete":
            del nb.cells[_find(nb, block.args[0], case)]
        elif block.op == "move":
            nb.cells.append(nb.cells.pop(_find(nb, block.args[0], case)))
        elif block.op == "duplicate":
            at = _find(nb, block.args[0], case)
            twin = copy.deepcopy(nb.cells[at])
            twin.source = _text(block.body, twin.source, case, block.args[0])
            twin["id"] = f"{twin.get('id', 'cell')}-copy"
            nb.cells.insert(at + 1, twin)
        elif block.op == "prepend":
            cell = nb.cells[_find(nb, block.args[0], case)]
            cell.source = block.body + "\n\n" + cell.source
        elif block.op == "append":
            cell = nb.cells[_find(nb, block.args[0], case)]
            cell.source = cell.source + "\n\n" + block.body
        elif block.op == "old-release":
            _old_release(nb)
    return file, nbformat.writes(nb).encode("utf-8")


def build_folder(all_cases: list[Case], folder: Path) -> Path:
    """Write every case into ``folder/<candidate>/<file>``: one folder of candidate folders."""
    for case in all_cases:
        file, data = build_case(case)
        (folder / case.candidate).mkdir(parents=True)
        (folder / case.candidate / file).write_bytes(data)
    return folder


# -- the one grading run ---------------------------------------------------------------


@dataclass(repr=False)
class Run:
    """The one `flasklab grade` run of the whole corpus."""

    cases: dict[str, Case]
    folder: Path
    out: Path
    rows: list[dict]
    log: str
    seconds: float
    returncode: int
    sleepers_before: set[int]

    def __repr__(self) -> str:
        return f"Run({len(self.cases)} cases, out={str(self.out)!r}, {self.seconds:.0f} s, exit {self.returncode})"

    def rows_of(self, case: Case) -> list[dict]:
        return [r for r in self.rows if r["candidate"] == case.candidate]

    def graded_dir(self, case: Case) -> Path:
        return self.out / "course" / "autograded" / case.candidate / case.exercise

    def graded_notebook(self, case: Case) -> NotebookNode:
        (name,) = harness.untouched(case.exercise)
        return nbformat.read(str(self.graded_dir(case) / f"{name}.ipynb"), as_version=4)


def sleepers() -> set[int]:
    """Pids of processes running exactly `sleep 600` (what the leftover case starts)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "cmdline").read_bytes().split(b"\0")[:2] == [b"sleep", b"600"]:
                    found.add(int(entry.name))
            except OSError:
                pass
    return found


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    all_cases = cases()
    base = tmp_path_factory.mktemp("corpus")
    folder = build_folder(all_cases, base / "candidates")
    out = base / "out"
    before = sleepers()
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "flasklab.cli", "grade", str(folder), "--out", str(out),
         "--workers", "2", "--timeout", "10"],
        cwd=harness.ROOT, capture_output=True, text=True, timeout=900,
    )
    seconds = time.monotonic() - started
    log = result.stdout + result.stderr
    print(f"\nflasklab grade of {len(all_cases)} corpus candidates: {seconds:.0f} s, exit {result.returncode}")
    scores = out / "scores.json"
    assert scores.is_file(), f"flasklab grade wrote no scores.json (exit {result.returncode}):\n{log[-4000:]}"
    rows = json.loads(scores.read_text(encoding="utf-8"))
    graded = Run({c.name: c for c in all_cases}, folder, out, rows, log, seconds, result.returncode, before)
    print(_table(graded, all_cases))  # shown with -s, or under a failing test's captured setup output
    return graded


# -- checking one case -------------------------------------------------------------------


def _flags(rows: list[dict]) -> list[str]:
    return list(dict.fromkeys(f for r in rows for f in r["flags"]))


def _got(rows: list[dict]) -> str:
    def one(r: dict) -> str:
        score = "null" if r["score"] is None else f"{r['score']:g}"
        where = f"{r['task']}" if r["exercise"] else "unmatched"
        return f"{where}={score}/{r['max_score']:g}"

    exercises = sorted({str(r["exercise"]) for r in rows if r["exercise"]})
    return (f"[{', '.join(exercises)}] " if exercises else "") + ", ".join(one(r) for r in rows) or "no rows"


def problems(case: Case, rows: list[dict]) -> list[str]:
    """What is wrong with a candidate's rows, given the case's expectation (empty: all fine)."""
    found: list[str] = []
    flags = _flags(rows)
    if not rows:
        return ["no rows in scores.json: the batch lost this candidate"]
    if case.expect == "unmatched":
        if len(rows) != 1:
            found.append(f"expected one unmatched row, got {len(rows)} rows")
        for r in rows:
            if (r["exercise"], r["task"], r["score"], r["max_score"]) != (None, None, 0, 0):
                found.append(f"not an unmatched row: {r['exercise']}/{r['task']} {r['score']}/{r['max_score']}")
            if not any(f.startswith("unmatched: ") for f in r["flags"]):
                found.append("the row has no 'unmatched: ...' flag")
    else:
        auto, person = _tasks(case.exercise)
        other = sorted({str(r["exercise"]) for r in rows if r["exercise"] != case.exercise})
        if other:
            found.append(f"rows for other exercises (or unmatched): {other}")
        mine = [r for r in rows if r["exercise"] == case.exercise]
        tasks = {r["task"] for r in mine}
        if tasks != auto | person or len(mine) != len(tasks):
            found.append(f"tasks in rows {sorted(map(str, tasks))} (x{len(mine)}), expected {sorted(auto | person)}")
        for r in mine:
            if r["task"] in person:
                if r["graded_by"] != "person" or r["score"] is not None:
                    found.append(f"{r['task']} is a written answer: graded_by person, score null; got "
                                 f"{r['graded_by']} {r['score']}")
                continue
            if r["graded_by"] != "auto" or r["score"] is None or not r["max_score"]:
                found.append(f"{r['task']}: expected an auto-graded row with points, got {r}")
                continue
            want = "zero" if case.expect == "zero" else "lose" if r["task"] in case.lose else "full"
            got = f"{r['score']:g}/{r['max_score']:g}"
            if want == "zero" and r["score"] != 0:
                found.append(f"{r['task']}: expected 0, got {got}")
            elif want == "lose" and r["score"] >= r["max_score"]:
                found.append(f"{r['task']}: expected to lose points, got {got}")
            elif want == "full" and r["score"] != r["max_score"]:
                found.append(f"{r['task']}: expected full marks, got {got}")
            if r["score"] > r["max_score"] or r["score"] < 0:
                found.append(f"{r['task']}: score {r['score']:g} outside 0..{r['max_score']:g}")
    if case.no_flags and flags:
        found.append(f"expected no flags, got {flags}")
    for wanted in case.flags:
        if not any(f.startswith(wanted) for f in flags):
            found.append(f"no flag starting with {wanted!r}")
    for gave_up in _GAVE_UP:
        if gave_up not in case.flags and any(f.startswith(gave_up) for f in flags):
            found.append(f"the batch gave up on this notebook: {[f for f in flags if f.startswith(gave_up)]}")
    return found


def _table(run: Run, selected: list[Case]) -> str:
    lines = [f"{'candidate':<34} {'expected':<34} {'got':<80} flags"]
    for case in selected:
        rows = run.rows_of(case)
        flags = "; ".join(f[:110] for f in _flags(rows))
        lines.append(f"{case.candidate:<34} {case.expected_text:<34} {_got(rows):<80} {flags}")
    return "\n".join(lines)


# -- the tests ------------------------------------------------------------------------------


def test_corpus_files_parse_and_build():
    """Does every corpus file parse, and build into a notebook or file? (No grading.)"""
    all_cases = cases()
    assert len(all_cases) >= 20
    names = [c.candidate for c in all_cases]
    assert len(set(names)) == len(names)
    for case in all_cases:
        file, data = build_case(case)
        assert file.endswith(".ipynb")
        if not any(b.op == "raw" for b in case.blocks):
            nbformat.reads(data.decode("utf-8"), as_version=4)


def test_the_batch_completes(run):
    """Did one `flasklab grade` run finish, with every candidate of the corpus in scores.json?"""
    assert run.returncode == 0, f"flasklab grade exited {run.returncode}:\n{run.log[-4000:]}"
    missing = sorted(c.candidate for c in run.cases.values() if not run.rows_of(c))
    assert not missing, f"candidates missing from scores.json: {missing}\n{run.log[-4000:]}"
    unknown = sorted({r["candidate"] for r in run.rows} - {c.candidate for c in run.cases.values()})
    assert not unknown, f"rows for candidates that were not handed in: {unknown}"
    assert run.seconds < 300, f"grading the corpus took {run.seconds:.0f} s"


@pytest.mark.parametrize("case", [pytest.param(c, id=c.candidate) for c in cases()])
def test_case_is_graded_as_its_code_earns(run, case):
    """Does this candidate get exactly what its code earns, with the flags it must carry?"""
    found = problems(case, run.rows_of(case))
    assert not found, (
        f"{case.path.name}: {case.description}\n{_table(run, [case])}\n  " + "\n  ".join(found)
    )


def _output_text(cell: NotebookNode) -> str:
    return "".join(o.get("text", "") or "".join(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", []))


def _answer_output(run: Run, name: str) -> str:
    case = run.cases[name]
    nb = run.graded_notebook(case)
    (cell,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "your_app"]
    return _output_text(cell)


def test_the_search_for_instructor_files_finds_nothing(run):
    """Did a candidate looking everywhere for instructor notebooks, the gradebook or others' work find none?"""
    case = run.cases["searches_for_instructor_files"]
    found = run.graded_dir(case) / "found.txt"
    assert found.is_file(), f"the candidate's search wrote no found.txt: {_answer_output(run, case.name)[-2000:]}"
    text = found.read_text(encoding="utf-8")
    assert "search: done" in text, f"the search did not finish:\n{text[-3000:]}"
    hits = [line for line in text.splitlines() if line.startswith(("FOUND", "STOLE"))]
    assert not hits, "the candidate's code found files it must not see:\n" + "\n".join(hits[:20])
    walked = json.loads(text.split("walked: ", 1)[1].splitlines()[0])
    unfinished = [top for top, state in walked.items() if state != "complete" and top != "usr"]
    assert not unfinished, f"the search ran out of time before walking {unfinished}: {walked}"
    listing = json.loads(text.split("ancestors: ", 1)[1].splitlines()[0])
    # The working copy is mounted at a neutral path: above it lies nothing of the grading run.
    assert listing.get("/home") == ["candidate"], f"the folders above the working copy hold more: {listing}"
    seen = [folder for folder in listing if Path(folder) == run.out or run.out in Path(folder).parents]
    assert not seen, f"the candidate's code saw the grading run's folders: {seen}"
    environment = json.loads(text.split("environment: ", 1)[1].splitlines()[0])
    environment.pop("PWD", None)  # its own working copy
    for secret in (str(run.out), str(run.folder), str(harness.ROOT / "source")):
        named = {k: v for k, v in environment.items() if secret in v}
        assert not named, f"the kernel's environment names {secret}: {named}"


def test_no_process_of_a_candidate_survives_grading(run):
    """Is every process a candidate started (sleep 600, a double-forked writer) gone, its writes nowhere?"""
    case = run.cases["leaves_processes_behind"]
    assert "started" in _answer_output(run, case.name), "the leftover case did not start its processes"
    time.sleep(6)  # the writer would write 5 s after it started
    left = sleepers() - run.sleepers_before
    assert not left, f"`sleep 600` processes outlived grading: {sorted(left)}"
    _assert_nothing_outside(run, LEFTOVER)
    course = run.out / "course"
    for db in (course / "gradebook.db", course / "template.db"):
        assert db.read_bytes()[:16] == b"SQLite format 3\0", f"{db.name} was overwritten"
    state = (course / "flasklab-grades.json").read_text(encoding="utf-8")
    assert LEFTOVER not in state and json.loads(state)["results"], "the state file was changed"


def _assert_nothing_outside(run: Run, marker: str) -> None:
    """No file or folder named with ``marker`` exists outside the candidates' own graded working copies."""
    own = run.out / "course" / "autograded"
    places = [run.folder.parent, harness.ROOT, Path("/tmp"), Path.home()]
    hits = []
    for place in places:
        deep = place == run.folder.parent
        entries = place.rglob(f"*{marker}*") if deep else place.glob(f"*{marker}*")
        hits += [p for p in entries if own not in p.parents]
    for sub in ("reports", "source", "release"):
        hits += list((harness.ROOT / sub).rglob(f"*{marker}*")) if (harness.ROOT / sub).is_dir() else []
    assert not hits, f"candidate code wrote outside its working copy: {sorted(map(str, hits))[:10]}"


def test_writes_outside_the_working_copy_land_nowhere(run):
    """Did a candidate writing into other candidates' folders, the course, /tmp, ~ or the project leave anything?"""
    case = run.cases["writes_outside_its_folder"]
    assert "attempted" in _answer_output(run, case.name)
    _assert_nothing_outside(run, INTRUDER)
    for other in run.cases.values():
        if other.name != case.name and run.graded_dir(other).is_dir():
            assert not list(run.graded_dir(other).glob(f"*{INTRUDER}*")), f"{other.candidate}'s folder was written"


def test_the_network_is_unreachable(run):
    """Did the candidate's connection to a local port and to pypi.org both fail?"""
    text = _answer_output(run, "probes_the_network")
    assert "tcp 127.0.0.1:22: failed" in text, text[-2000:]
    assert "https pypi.org: failed" in text, text[-2000:]
    assert ": reached" not in text, text[-2000:]


def test_a_symlinked_notebook_writes_nothing_outside(run):
    """Does nbgrader, writing the graded notebook, follow a symlink the candidate put in its place? It must not."""
    case = run.cases["swaps_its_notebook_for_a_symlink"]
    assert "swapped" in _answer_output_or_log(run, case)
    _assert_nothing_outside(run, SWAPPED)


def test_symlinks_in_the_working_copy_copy_nothing_from_outside(run):
    """Does keeping a candidate's graded folder copy host files that its symlinks point at? It must not."""
    case = run.cases["symlinks_to_instructor_files"]
    kept = run.graded_dir(case)
    assert kept.is_dir()
    leaked = [p for p in kept.rglob("*") if p.is_file() and not p.is_symlink()
              and b"BEGIN SOLUTION" in p.read_bytes()[:2_000_000]]
    assert not leaked, f"instructor files were copied into the candidate's graded folder: {leaked[:5]}"


def _answer_output_or_log(run: Run, case: Case) -> str:
    try:
        return _answer_output(run, case.name)
    except (OSError, ValueError) as exc:
        return f"{exc}\n{run.log[-2000:]}"

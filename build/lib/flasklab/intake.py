"""Find candidates' notebooks in what an interviewer hands over, and say which exercise each is.

``flasklab grade PATH...`` accepts, for each PATH:

- a notebook file: one candidate, named after the folder it is in;
- a folder of notebooks named as the release names them (``routing.ipynb``):
  one candidate, named after the folder;
- a folder of exercise folders (``04_blueprints/``, ``05_error_contracts/``),
  as a take-home bundle or ``make lab``'s ``work/`` holds them: one candidate,
  named after the folder (or the zip it came in);
- a folder of other notebooks (``alice.ipynb``, ``bob_4711_routing.ipynb`` as a
  learning system exports them): one candidate per file, named by the file
  name up to the first ``_<digits>`` or ``_``-separated part;
- a live interview's session folder (``notebooks/`` and the server's
  ``session.jsonl``, see ``flasklab.timeline``): one candidate, named after
  the folder, with the notebooks under ``notebooks/`` and the session log;
- a folder of folders (one per candidate, or nbgrader's ``submitted/`` tree,
  or a course folder holding ``submitted/``, or session folders): one
  candidate per subfolder, every notebook below it;
- a ``.zip`` (one per candidate, or one for the whole batch): unpacked, then
  read by the rules above.

Each notebook is matched to an exercise by its nbgrader grade ids, not its
name; a notebook that matches none, or one from an older release (its locked
cells carry other checksums), is reported and not graded. A matched notebook
is rebuilt on the current release: the candidate's answer cells and any cells
they added, in place, and every locked cell as released, so that deleted,
moved, duplicated or edited cells can neither stop nbgrader nor change a grade.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from autograder.conventions import STATE_DIR

from .timeline import NOTEBOOKS_DIR, is_session

SKIP_DIRS = {".ipynb_checkpoints", STATE_DIR, "__MACOSX", ".git"}
_CANDIDATE_CHARS = re.compile(r"[^A-Za-z0-9_.-]+")
_LMS_NAME = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9.-]*?)(?:_(?:late_)?\d+)")
MATCH_THRESHOLD = 0.6


class IntakeError(Exception):
    """A PATH cannot be read at all; the message says what was expected."""


@dataclass
class Found:
    """One notebook file of one candidate."""

    candidate: str
    path: Path
    activity: Path | None = None
    session: Path | None = None  # the live interview's session folder the notebook came from


@dataclass
class Matched:
    """A candidate's notebook matched to an exercise, rebuilt on the current release."""

    candidate: str
    exercise: str
    notebook: str  # the release notebook's name, without .ipynb
    source_file: str
    nb: NotebookNode
    flags: list[str] = field(default_factory=list)
    activity: dict | None = None

    def fingerprint(self, extra: str) -> str:
        data = nbformat.writes(self.nb).encode() + extra.encode()
        return hashlib.sha256(data).hexdigest()


@dataclass
class Rejected:
    """A notebook that is not graded, and why."""

    candidate: str
    file: str
    reason: str
    exercise: str | None = None


@dataclass
class Release:
    """The current release notebook of one exercise, as matching needs it."""

    exercise: str
    name: str
    nb: NotebookNode
    ids: set[str]
    checksums: dict[str, str]


def candidate_id(text: str) -> str:
    """Return a safe candidate id (letters, digits, ``_ . -``) for a name."""
    cleaned = _CANDIDATE_CHARS.sub("-", text).strip("-.") or "candidate"
    return cleaned[:80]


# -- finding files ------------------------------------------------------------------


def _notebooks_below(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*.ipynb")):
        if not SKIP_DIRS & set(path.relative_to(folder).parts[:-1]) and not path.name.startswith("."):
            found.append(path)
    return found


def _activity_of(path: Path) -> Path | None:
    state = path.parent / STATE_DIR / f"{path.stem}.json"
    return state if state.is_file() else None


def _unzip(archive: Path, scratch: Path) -> Path:
    target = scratch / f"zip-{len(list(scratch.iterdir()))}-{archive.stem}"
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in zf.infolist():
                name = Path(member.filename)
                if member.is_dir() or name.is_absolute() or ".." in name.parts:
                    continue  # never write outside the scratch folder
                out = target / name
                out.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst)
    except zipfile.BadZipFile:
        raise IntakeError(f"{archive}: not a readable zip file") from None
    entries = [p for p in target.iterdir() if p.name not in SKIP_DIRS] if target.exists() else []
    if len(entries) == 1 and entries[0].is_dir():
        return entries[0]
    return target


def find(paths: list[Path], scratch: Path, release_names: set[str],
         exercises: frozenset[str] = frozenset()) -> list[Found]:
    """Return every candidate notebook under ``paths`` (see the module docstring for the rules).

    ``release_names`` are the release notebooks' names, ``exercises`` the
    release's exercise folders (``01_routing``).
    """
    found: list[Found] = []
    for path in paths:
        if not path.exists():
            raise IntakeError(f"{path}: no such file or folder")
        found += _find_one(path.resolve(), scratch, release_names, name=None, exercises=exercises)
    return found


def _find_one(path: Path, scratch: Path, release_names: set[str], name: str | None,
              exercises: frozenset[str] = frozenset()) -> list[Found]:
    if path.is_file() and path.suffix == ".zip":
        return _find_one(_unzip(path, scratch), scratch, release_names, name=name or path.stem, exercises=exercises)
    if path.is_file():
        return [Found(candidate_id(name or path.parent.name), path, _activity_of(path))]
    if is_session(path):
        who = candidate_id(name or path.name)
        return [Found(who, p, _activity_of(p), session=path) for p in _notebooks_below(path / NOTEBOOKS_DIR)]
    if (path / "submitted").is_dir():
        path = path / "submitted"
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in (".ipynb", ".zip")
                   and not p.name.startswith("."))
    folders = sorted(p for p in path.iterdir() if p.is_dir() and p.name not in SKIP_DIRS
                     and not p.name.startswith("."))
    if folders and not files and all(p.name in exercises for p in folders):
        # One candidate's copy of the release, a folder per exercise (a returned take-home bundle).
        who = candidate_id(name or path.name)
        return [Found(who, p, _activity_of(p)) for folder in folders for p in _notebooks_below(folder)]
    out: list[Found] = []
    notebooks = [p for p in files if p.suffix == ".ipynb"]
    if notebooks and all(p.stem in release_names for p in notebooks):
        # One candidate's own folder: the notebooks keep the names they were released with.
        who = candidate_id(name or path.name)
        out += [Found(who, p, _activity_of(p)) for p in notebooks]
    else:
        for p in notebooks:
            match = _LMS_NAME.match(p.stem)
            out.append(Found(candidate_id(match["name"] if match else p.stem), p, _activity_of(p)))
    for p in files:
        if p.suffix == ".zip":
            out += _find_one(p, scratch, release_names, name=p.stem)
    for folder in folders:
        if is_session(folder):
            out += _find_one(folder, scratch, release_names, name=folder.name)
            continue
        who = candidate_id(folder.name)
        out += [Found(who, p, _activity_of(p)) for p in _notebooks_below(folder)]
        for archive in sorted(folder.rglob("*.zip")):
            out += _find_one(archive, scratch, release_names, name=folder.name)
    return out


# -- matching ----------------------------------------------------------------------------


def load_releases(release_root: Path) -> list[Release]:
    """Read every release notebook: its grade ids and the checksums of its locked cells."""
    releases = []
    for path in sorted(release_root.glob("*/*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        ids = {c.metadata["nbgrader"]["grade_id"] for c in nb.cells if "grade_id" in c.metadata.get("nbgrader", {})}
        checksums = {
            c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"].get("checksum", "")
            for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("locked") and not c.metadata["nbgrader"].get("solution")
        }
        releases.append(Release(path.parent.name, path.stem, nb, ids, checksums))
    return releases


def read_notebook(path: Path) -> NotebookNode:
    """Read a notebook, or raise ValueError with a sentence a person can act on."""
    raw = path.read_bytes()
    if not raw.strip():
        raise ValueError("the file is empty")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError(f"not valid JSON ({exc}); the notebook was damaged when saved or sent") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError("valid JSON but not a notebook (no list of cells)")
    try:
        return nbformat.reads(json.dumps(data), as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several kinds for a damaged notebook
        raise ValueError(f"not a readable notebook: {exc}") from None


def _same_locked(nb: NotebookNode, release: Release) -> float:
    """The share of the release's locked cells that this notebook holds as released."""
    released = {c.metadata["nbgrader"]["grade_id"]: c for c in release.nb.cells
                if c.metadata.get("nbgrader", {}).get("grade_id") in release.checksums}
    same = set()
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if gid is not None and gid in released and (cell.source == released[gid].source
                                or (meta.get("checksum") and meta.get("checksum") == release.checksums[gid])):
            same.add(gid)
    return len(same) / len(released) if released else 0.0


def _all_source(nb: NotebookNode) -> str:
    return "\n".join(c.source for c in nb.cells)


def _grade_ids(nb: NotebookNode) -> list[str]:
    return [c.metadata["nbgrader"]["grade_id"] for c in nb.cells
            if isinstance(c.metadata.get("nbgrader"), dict) and "grade_id" in c.metadata["nbgrader"]]


def match(found: Found, releases: list[Release]) -> Matched | Rejected:
    """Match one notebook to an exercise and rebuild it on the current release."""
    label = found.path.name
    try:
        nb = read_notebook(found.path)
    except (OSError, ValueError) as exc:
        return Rejected(found.candidate, label, f"unreadable notebook: {exc}")
    ids = set(_grade_ids(nb))
    # Exercises share grade ids (task1_visible...), so the locked cells decide: the
    # checksum nbgrader wrote into each at release, or their text, must be this release's.
    candidates = [r for r in releases if r.ids and len(ids & r.ids) / len(r.ids) >= MATCH_THRESHOLD]
    if not candidates:
        return Rejected(found.candidate, label, "matches no exercise of this release (its nbgrader cells are not ours)")
    ranked = sorted(((_same_locked(nb, r), r) for r in candidates), key=lambda x: -x[0])
    same, release = ranked[0]
    if same < 0.5:
        older = [r for r in candidates if f"{r.exercise!r}" in _all_source(nb) or found.path.stem == r.name]
        if older:
            return Rejected(found.candidate, label,
                            f"an older release of {older[0].exercise}: its locked cells differ from the current "
                            "ones; send the candidate the current notebook, or grade this one by hand",
                            exercise=older[0].exercise)
        return Rejected(found.candidate, label, "matches no exercise of this release (its locked cells are not ours)")
    if len(ranked) > 1 and ranked[1][0] == same:
        return Rejected(found.candidate, label, f"matches {release.exercise} and {ranked[1][1].exercise} equally")
    rebuilt, flags = rebuild(nb, release)
    activity = None
    if found.activity is not None:
        try:
            activity = json.loads(found.activity.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            flags.append("activity record unreadable")
    return Matched(found.candidate, release.exercise, release.name, label, rebuilt, flags, activity)


def rebuild(nb: NotebookNode, release: Release) -> tuple[NotebookNode, list[str]]:
    """Return the release notebook with the candidate's answers and added cells put in.

    Answer cells (nbgrader ``solution``) take the candidate's text; locked cells
    stay as released; cells the candidate added keep their place after the
    released cell they followed. A second copy of an answer cell becomes a plain
    cell right after the first, so both run in the order the candidate ran them.
    """
    flags: list[str] = []
    by_id = {c.metadata["nbgrader"]["grade_id"]: c for c in release.nb.cells
             if "grade_id" in c.metadata.get("nbgrader", {})}
    answers: dict[str, NotebookNode] = {}
    added_after: dict[str | None, list[NotebookNode]] = {}
    seen_order: list[str] = []
    previous: str | None = None
    duplicated: list[str] = []
    edited: list[str] = []
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader")
        gid = meta.get("grade_id") if isinstance(meta, dict) else None
        if gid is not None and gid in by_id:
            released = by_id[gid]
            if released.metadata["nbgrader"].get("solution"):
                if gid in answers:
                    duplicated.append(gid)
                    added_after.setdefault(previous, []).append(_plain(cell, released.cell_type))
                    continue
                answers[gid] = cell
            elif cell.source != released.source:
                edited.append(gid)
            if gid not in seen_order:
                seen_order.append(gid)
            previous = gid
        elif cell.cell_type in ("code", "markdown") and cell.source.strip():
            added_after.setdefault(previous, []).append(_plain(cell, cell.cell_type))
    released_order = [gid for gid in by_id if gid in seen_order]
    missing = [gid for gid in by_id if gid not in seen_order]
    if missing:
        more = " ..." if len(missing) > 6 else ""
        flags.append(f"cells deleted: {', '.join(missing[:6])}{more} (restored as released)")
    if seen_order != released_order:
        flags.append("cells moved (graded in the released order)")
    if duplicated:
        flags.append(f"answer cells duplicated: {', '.join(sorted(set(duplicated)))} (all copies ran, in order)")
    if edited:
        flags.append(f"locked cells edited: {', '.join(edited[:6])} (restored as released)")
    out = copy.deepcopy(release.nb)
    cells: list[NotebookNode] = list(added_after.get(None, []))
    for cell in out.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid].source
        cells.append(cell)
        cells += added_after.get(gid, [])
    for n, cell in enumerate(cells):
        cell["id"] = cell.get("id") or f"added-{n}"
    seen_ids: set[str] = set()
    for n, cell in enumerate(cells):
        if cell["id"] in seen_ids:
            cell["id"] = f"added-{n}"
        seen_ids.add(cell["id"])
    out.cells = cells
    return out, flags


def _plain(cell: NotebookNode, cell_type: str) -> NotebookNode:
    """A copy of a candidate's cell without nbgrader metadata and outputs."""
    if cell_type == "markdown":
        new = nbformat.v4.new_markdown_cell(cell.source)
    else:
        new = nbformat.v4.new_code_cell(cell.source)
    new["id"] = ""
    return new

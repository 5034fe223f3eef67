"""Interviewer guides: ``exercises/NN_slug/guide.md``, read and checked where they enter.

Every exercise has one guide, for the person who interviews, never for the
candidate: ``flasklab build`` checks it and writes nothing of it, so it cannot
reach ``source/``, ``release/`` or a take-home bundle. ``flasklab guide TRACK``
renders the sections of a track's tasks as one page (``flasklab.guidepage``).

The structure is fixed, one ``##`` section per task of the exercise, in the
notebook's order, the written task included::

    # Interviewer guide: Routing and URL rules      (optional; text before the first task is the intro)

    ## task1: the factory, a health check and the catalogue

    ### Strong
    What a strong answer looks like.
    ### Adequate
    ...
    ### Weak
    ...
    ### Follow-up questions
    #### Why does each app copy the catalogue?       (one #### per question)
    **Good answer:** what a good answer contains.
    ### Common mistakes
    #### Serves SEED_BOOKS and ignores test_config  (one #### per mistake)
    What it looks like in the code.
    **Caught by:** `task1_hidden`                   (grade ids of the exercise, or the rubric)
    **Seniority:** what the mistake says about the candidate.

The written task's model answer and rubric stay in its notebook cell (the
markdown solution cell that a person grades): the guide page reads them from
there, so they are never copied by hand. A guide that breaks the structure
stops the build with a message naming the file, the line and the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt
from nbformat import NotebookNode

from autograder.conventions import is_test_cell, task_of

from .catalogue import Exercise, ExerciseError

GUIDE_FILE = "guide.md"
STRONG, ADEQUATE, WEAK = "Strong", "Adequate", "Weak"
FOLLOW_UPS, MISTAKES = "Follow-up questions", "Common mistakes"
#: The ### sections of every task, in this order.
SECTIONS = (STRONG, ADEQUATE, WEAK, FOLLOW_UPS, MISTAKES)
#: The labels a question and a mistake must carry, as bold text that starts a paragraph.
GOOD_ANSWER, CAUGHT_BY, SENIORITY = "Good answer", "Caught by", "Seniority"

_TASK_HEADING = re.compile(r"^(?P<task>[A-Za-z0-9]+)\s*:\s*(?P<title>\S.*)$")
_HELP = "see docs/tracks.md for the structure of a guide"


@dataclass(frozen=True)
class FollowUp:
    """A question for the live deep dive, and what a good answer contains (markdown)."""

    question: str
    answer: str


@dataclass(frozen=True)
class Mistake:
    """A common mistake: what it looks like, the test that catches it, what it says (markdown)."""

    title: str
    body: str


@dataclass(frozen=True)
class TaskGuide:
    """The guide's section of one task."""

    task: str
    title: str
    strong: str
    adequate: str
    weak: str
    followups: tuple[FollowUp, ...]
    mistakes: tuple[Mistake, ...]


@dataclass(frozen=True)
class Guide:
    """One exercise's interviewer guide."""

    exercise: str
    path: Path
    intro: str
    tasks: dict[str, TaskGuide]


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str
    line: int  # 1-based
    body: str  # the markdown up to the next heading


def _headings(text: str) -> tuple[str, list[_Heading]]:
    """Split a markdown file at its headings (fenced code is not a heading); return (preamble, headings)."""
    lines = text.splitlines()
    tokens = MarkdownIt("commonmark").parse(text)
    found: list[tuple[int, str, int, int]] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            found.append((int(token.tag[1]), tokens[index + 1].content.strip(), token.map[0], token.map[1]))
    preamble = "\n".join(lines[:found[0][2]] if found else lines)
    headings = []
    for number, (level, title, start, end) in enumerate(found):
        stop = found[number + 1][2] if number + 1 < len(found) else len(lines)
        headings.append(_Heading(level, title, start + 1, "\n".join(lines[end:stop]).strip()))
    return preamble.strip(), headings


def _labelled(body: str, label: str) -> str | None:
    """The text after ``**label:**`` at the start of a paragraph, or None when the label is missing."""
    match = re.search(rf"^\s*\*\*{re.escape(label)}:\*\*(?P<rest>.*(?:\n(?!\s*\n).*)*)", body, re.M)
    return match["rest"].strip() if match else None


class _Reader:
    """Read one guide file against the tasks and grade ids of its exercise."""

    def __init__(self, path: Path, tasks: list[str], grade_ids: set[str]) -> None:
        self.path, self.tasks, self.grade_ids = path, tasks, grade_ids

    def error(self, line: int | None, message: str) -> ExerciseError:
        where = f"{self.path}:{line}" if line else str(self.path)
        return ExerciseError(f"{where}: {message}")

    def read(self, exercise: str) -> Guide:
        if not self.path.is_file():
            raise self.error(None, (
                f"missing. Every exercise needs an interviewer guide with a section per task "
                f"({', '.join(self.tasks)}): what strong, adequate and weak answers look like, follow-up "
                f"questions and common mistakes; {_HELP}."
            ))
        preamble, headings = _headings(self.path.read_text(encoding="utf-8"))
        intro = preamble
        sections: dict[str, tuple[_Heading, list[_Heading]]] = {}
        current: list[_Heading] | None = None
        for heading in headings:
            if heading.level == 1:
                if sections or current is not None:
                    raise self.error(heading.line, "a '#' title may only come before the first task section.")
                intro = "\n\n".join(part for part in (preamble, heading.body) if part)
            elif heading.level == 2:
                current = []
                sections[self._task_heading(heading, sections)] = (heading, current)
            elif current is None:
                raise self.error(heading.line, f"'{'#' * heading.level} {heading.text}' comes before the first "
                                               f"'## taskN: title' section; {_HELP}.")
            else:
                current.append(heading)
        missing = [t for t in self.tasks if t not in sections]
        if missing:
            raise self.error(None, (
                f"no section for {', '.join(missing)}; add '## {missing[0]}: <title>' with the five parts "
                f"{', '.join(SECTIONS)} (the guide needs every task of the exercise: {', '.join(self.tasks)})."
            ))
        if list(sections) != self.tasks:
            raise self.error(None, f"the task sections should follow the notebook's order, {', '.join(self.tasks)}; "
                                   f"they are in the order {', '.join(sections)}.")
        tasks = {task: self._task(task, heading, below) for task, (heading, below) in sections.items()}
        return Guide(exercise=exercise, path=self.path, intro=intro, tasks=tasks)

    def _task_heading(self, heading: _Heading, sections: dict) -> str:
        """Check a '## taskN: title' heading; return its task."""
        match = _TASK_HEADING.match(heading.text)
        if not match:
            raise self.error(heading.line, f"'## {heading.text}' should be '## taskN: <title>', one section per "
                                           f"task of the exercise ({', '.join(self.tasks)}).")
        task = match["task"]
        if task not in self.tasks:
            raise self.error(heading.line, f"'## {heading.text}': the exercise has no {task}; "
                                           f"its tasks are {', '.join(self.tasks)}.")
        if task in sections:
            raise self.error(heading.line, f"a second section for {task}, first at line {sections[task][0].line}.")
        if heading.body:
            raise self.error(heading.line + 1, f"text directly under '## {heading.text}'; put it in one of "
                                               f"the parts {', '.join(SECTIONS)}.")
        return task

    def _task(self, task: str, heading: _Heading, below: list[_Heading]) -> TaskGuide:
        parts: dict[str, tuple[_Heading, list[_Heading]]] = {}
        items: list[_Heading] | None = None
        for sub in below:
            if sub.level == 3:
                if sub.text not in SECTIONS:
                    raise self.error(sub.line, f"'### {sub.text}' in {task}: the parts of a task are "
                                               f"{', '.join(SECTIONS)}, each once.")
                if sub.text in parts:
                    raise self.error(sub.line, f"a second '### {sub.text}' in {task}.")
                items = []
                parts[sub.text] = (sub, items)
            elif sub.level == 4 and items is not None and list(parts)[-1] in (FOLLOW_UPS, MISTAKES):
                items.append(sub)
            else:
                raise self.error(sub.line, f"'{'#' * sub.level} {sub.text}' in {task}: only the parts "
                                           f"'### {FOLLOW_UPS}' and '### {MISTAKES}' hold '####' items "
                                           "(a question or a mistake each); no deeper headings.")
        missing = [name for name in SECTIONS if name not in parts]
        if missing:
            raise self.error(heading.line, f"{task} has no '### {missing[0]}' part; every task needs "
                                           f"{', '.join(SECTIONS)}.")
        for name in (STRONG, ADEQUATE, WEAK):
            sub = parts[name][0]
            if not sub.body:
                raise self.error(sub.line, f"'### {name}' of {task} is empty: say what a {name.lower()} answer "
                                           "looks like.")
        for name in (FOLLOW_UPS, MISTAKES):
            sub, entries = parts[name]
            if sub.body:
                raise self.error(sub.line + 1, f"text directly under '### {name}' of {task}; give each "
                                               f"{'question' if name == FOLLOW_UPS else 'mistake'} its own "
                                               "'####' heading.")
            if not entries:
                raise self.error(sub.line, f"'### {name}' of {task} has no '####' item.")
        return TaskGuide(
            task=task, title=heading.text.split(":", 1)[1].strip(),
            strong=parts[STRONG][0].body, adequate=parts[ADEQUATE][0].body, weak=parts[WEAK][0].body,
            followups=tuple(self._followup(task, q) for q in parts[FOLLOW_UPS][1]),
            mistakes=tuple(self._mistake(task, m) for m in parts[MISTAKES][1]),
        )

    def _followup(self, task: str, item: _Heading) -> FollowUp:
        if not _labelled(item.body, GOOD_ANSWER):
            raise self.error(item.line, f"the question '{item.text}' of {task} needs a paragraph that starts with "
                                        f"'**{GOOD_ANSWER}:**' saying what a good answer contains.")
        return FollowUp(question=item.text, answer=item.body)

    def _mistake(self, task: str, item: _Heading) -> Mistake:
        caught = _labelled(item.body, CAUGHT_BY)
        if not caught:
            raise self.error(item.line, f"the mistake '{item.text}' of {task} needs a paragraph that starts with "
                                        f"'**{CAUGHT_BY}:**' naming the test cell that catches it (a grade id "
                                        "such as task1_hidden) or the rubric point.")
        # A grade id is its task's name, maybe followed by _suffixes: task3_hidden, task1_hidden_2.
        tasks = "|".join(re.escape(t) for t in self.tasks)
        named = set(re.findall(rf"\b(?:{tasks})_\w+\b", caught))
        named |= {gid for gid in self.grade_ids if re.search(rf"\b{re.escape(gid)}\b", caught)}
        unknown = sorted(named - self.grade_ids)
        if unknown:
            raise self.error(item.line, f"the mistake '{item.text}' of {task} is caught by {', '.join(unknown)}, "
                                        f"which the exercise does not have; its graded cells are "
                                        f"{', '.join(sorted(self.grade_ids))}.")
        if not named and "rubric" not in caught.lower():
            raise self.error(item.line, f"'**{CAUGHT_BY}:**' of the mistake '{item.text}' of {task} names no "
                                        "graded cell (such as task1_hidden) and no rubric point.")
        if not _labelled(item.body, SENIORITY):
            raise self.error(item.line, f"the mistake '{item.text}' of {task} needs a paragraph that starts with "
                                        f"'**{SENIORITY}:**' saying what it tells about the candidate.")
        return Mistake(title=item.text, body=item.body)


# -- what a guide is checked against ----------------------------------------------------------


def graded_tasks(notebooks: dict[str, NotebookNode]) -> list[str]:
    """Every task with points, auto-graded or by hand, in notebook order."""
    from .tracks import task_ids

    found: list[str] = []
    for nb in notebooks.values():
        found += [task for task in task_ids(nb) if task not in found]
    return found


def grade_ids(notebooks: dict[str, NotebookNode]) -> set[str]:
    """The grade ids of every cell that carries points."""
    return {cell.metadata["nbgrader"]["grade_id"] for nb in notebooks.values() for cell in nb.cells
            if cell.metadata.get("nbgrader", {}).get("grade") or cell.metadata.get("nbgrader", {}).get("task")}


def written_answers(nb: NotebookNode) -> dict[str, str]:
    """Grade id -> model answer and rubric of each answer a person grades (a markdown solution cell)."""
    return {cell.metadata["nbgrader"]["grade_id"]: cell.source for cell in nb.cells
            if cell.cell_type == "markdown" and cell.metadata.get("nbgrader", {}).get("grade")
            and cell.metadata["nbgrader"].get("solution")}


def task_points(notebooks: dict[str, NotebookNode]) -> dict[str, list[tuple[str, float, bool]]]:
    """Task -> (grade id, points, auto-graded?) of each of its graded cells."""
    out: dict[str, list[tuple[str, float, bool]]] = {}
    for nb in notebooks.values():
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                out.setdefault(task_of(meta["grade_id"]), []).append(
                    (meta["grade_id"], float(meta["points"]), is_test_cell(cell)))
    return out


def load_guide(exercise: Exercise, notebooks: dict[str, NotebookNode]) -> Guide:
    """Read and check ``exercise``'s guide against its built notebooks; raise ExerciseError naming the fix."""
    reader = _Reader(exercise.path / GUIDE_FILE, graded_tasks(notebooks), grade_ids(notebooks))
    return reader.read(exercise.id)

"""`flasklab guide TRACK`: one printable HTML page for the person who runs a track.

The page holds the track's title, level, format and summary, a minute plan
(each part, then the follow-up), and for each part only the guide sections of
its tasks (``flasklab.guide``): what strong, adequate and weak answers look
like and the common mistakes, the model answer and rubric of a written task
(read from its notebook cell, never copied), and at the end the follow-up
questions of every task in the track.

The page is read offline, printed, or opened from a mail: one self-contained
file, no script, a Content-Security-Policy that loads nothing, and every
value escaped by Jinja2. Guide markdown goes through markdown-it-py with raw
HTML turned off, so a ``<tag>`` in a guide shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markdown_it import MarkdownIt
from markupsafe import Markup

from autograder.conventions import task_of

from .build import parse
from .catalogue import load_exercise
from .guide import FollowUp, Guide, load_guide, task_points, written_answers
from .tracks import Track

__all__ = ["render_guide", "write_guide"]

#: Inline styles and data: images only; no script, no fetch, no form.
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; "
       "base-uri 'none'; form-action 'none'")

_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("flasklab", "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _md(text: str) -> Markup:
    """Render guide or rubric markdown; markdown-it escapes all text, and raw HTML is off."""
    return Markup(_MARKDOWN.render(text))


def _inline(text: str) -> Markup:
    """Render one line of markdown (a heading's text) without a paragraph around it."""
    return Markup(_MARKDOWN.renderInline(text))


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


@dataclass
class TaskView:
    task: str
    title: Markup
    points: str
    written: bool
    strong: Markup
    adequate: Markup
    weak: Markup
    mistakes: list[tuple[Markup, Markup]]
    rubric: Markup | None
    followups: list[tuple[Markup, Markup]]


@dataclass
class PartView:
    number: int
    exercise: str
    title: str
    level: str
    minutes: int
    start: str | None
    weight: float
    partial: bool
    scope: str
    intro: Markup | None
    tasks: list[TaskView] = field(default_factory=list)


def _points(cells: list[tuple[str, float, bool]]) -> tuple[str, bool]:
    """Say how a task is scored: '3 points, auto-graded (task1_visible 1, task1_hidden 2)'; and whether by hand."""
    total = sum(p for _, p, _ in cells)
    by_hand = any(not auto for _, _, auto in cells)
    how = "graded by hand" if by_hand else "auto-graded"
    each = ", ".join(f"{gid} {p:g}" for gid, p, _ in cells)
    return f"{total:g} point{'s' if total != 1 else ''}, {how} ({each})", by_hand


def _task_view(guide: Guide, task: str, cells: list[tuple[str, float, bool]], rubrics: dict[str, str]) -> TaskView:
    section = guide.tasks[task]
    points, by_hand = _points(cells)
    rubric = next((text for gid, text in rubrics.items() if task_of(gid) == task), None)
    return TaskView(
        task=task, title=_inline(section.title), points=points, written=by_hand,
        strong=_md(section.strong), adequate=_md(section.adequate), weak=_md(section.weak),
        mistakes=[(_inline(m.title), _md(m.body)) for m in section.mistakes],
        rubric=_md(rubric) if rubric is not None else None,
        followups=[_followup(q) for q in section.followups],
    )


def _followup(question: FollowUp) -> tuple[Markup, Markup]:
    return _inline(question.question), _md(question.answer)


def _scope(tasks: tuple[str, ...], every: list[str]) -> str:
    numbers = [t.removeprefix("task") for t in tasks]
    if len(tasks) == len(every):
        return f"every task (1 to {len(every)})" if len(every) > 1 else "its one task"
    listed = ", ".join(numbers[:-1]) + f" and {numbers[-1]}" if len(numbers) > 1 else numbers[0]
    return f"task{'s' if len(numbers) > 1 else ''} {listed} of {len(every)}"


def part_views(root: Path, track: Track) -> list[PartView]:
    """Read each part's exercise, guide and notebooks; keep only the part's tasks."""
    views = []
    clock = 0
    for number, part in enumerate(track.parts, 1):
        exercise = load_exercise(root / "exercises" / part.exercise)
        notebooks = {script.stem: parse(script, exercise) for script in exercise.notebooks}
        guide = load_guide(exercise, notebooks)
        points = task_points(notebooks)
        rubrics = {gid: text for nb in notebooks.values() for gid, text in written_answers(nb).items()}
        view = PartView(
            number=number, exercise=exercise.id, title=exercise.title, level=exercise.level,
            minutes=part.minutes, start=_clock(clock) if track.format == "live" else None, weight=part.weight,
            partial=part.partial, scope=_scope(part.tasks, list(guide.tasks)),
            intro=_md(guide.intro) if guide.intro else None,
        )
        view.tasks = [_task_view(guide, task, points[task], rubrics) for task in part.tasks]
        views.append(view)
        clock += part.minutes
    return views


def render_guide(root: Path, track: Track) -> str:
    """Return the guide page of ``track`` as HTML."""
    parts = part_views(root, track)
    live = track.format == "live"
    work = sum(p.minutes for p in track.parts)
    return _TEMPLATES.get_template("guide.html").render(
        track=track, parts=parts, csp=CSP, live=live, work_minutes=work,
        followup_start=_clock(work) if live else "0:00", total=_clock(track.minutes),
    )


def write_guide(root: Path, track: Track, out: Path) -> Path:
    """Write the guide page of ``track`` to ``out``; return the path."""
    text = render_guide(root, track)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out

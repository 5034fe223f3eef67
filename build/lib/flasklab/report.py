"""Reports of a grading run: scores.json, scores.csv, an index and a page per candidate.

``flasklab grade`` (``flasklab.grade.build_model``) hands :func:`write_reports`
a plain, JSON-serialisable ``run`` dict::

    {"generated_at": ISO time, "unsafe": bool,
     "candidates": [{"candidate": id,
                     "exercises": [{"exercise", "title", "topics", "level", "minutes", "notebook",
                                    "status": "graded" | "failed" | "unreadable", "flags": [str],
                                    "seconds", "activity": None | {"hints_used", "checks", "minutes_taken"},
                                    "tasks": [{"task", "score" (None: a written answer not graded yet),
                                               "max_score", "graded_by": "auto" | "person", "flags",
                                               "failures": [{"grade_id", "message"}],
                                               written answers also: "grade_id", "answer", "rubric", "comment"}]}],
                     "unmatched": [{"file", "reason"}],
                     "timeline": None | a live interview's timeline (flasklab.timeline.session_timeline)}]}

Out come:

- ``scores.json`` and ``scores.csv``: one row per candidate, exercise and task
  (:func:`rows`), for spreadsheets and scripts;
- ``index.html``: every candidate side by side, total and per-topic scores,
  flags, sortable by any column;
- ``candidates/<candidate>.html``: one candidate's scores, failing checks,
  flags, activity, a topic chart, the written answers a person grades, and
  for a live interview the timeline its server logged.

The pages are read by a hiring panel, often offline and sometimes from a zip:
each is one self-contained file (inline CSS, script and chart). Candidate text
is untrusted: Jinja2 escapes everything, written answers go through a tiny
markdown renderer that escapes before it adds its own tags, and a
Content-Security-Policy allows no script but our own sort script (by hash),
so a missed escape still runs nothing.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

__all__ = ["COLUMNS", "UNSAFE_FLAG", "rows", "write_reports"]

#: The keys of a score row, in this order (scores.json and scores.csv).
COLUMNS = ("candidate", "exercise", "task", "score", "max_score", "graded_by", "flags")
#: Carried by every row when grading ran without the sandbox.
UNSAFE_FLAG = "unsafe: graded without the sandbox"
CSV_FLAG_SEPARATOR = "; "

_TEMPLATES = jinja2.Environment(
    loader=jinja2.PackageLoader("flasklab", "templates"),
    autoescape=True,  # candidate answers, file names and messages are untrusted
    undefined=jinja2.StrictUndefined,  # a typo in a template fails the tests, not the panel's page
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


# -- score rows ---------------------------------------------------------------


def rows(run: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the score rows: one per candidate, exercise and task, then one per unmatched notebook."""
    extra = [UNSAFE_FLAG] if run.get("unsafe") else []
    result = []
    for candidate in run["candidates"]:
        name = candidate["candidate"]
        for exercise in candidate["exercises"]:
            for task in exercise["tasks"]:
                result.append(_row(
                    name, exercise["exercise"], task["task"], task["score"], task["max_score"],
                    task["graded_by"], _merge(exercise["flags"], task["flags"], extra),
                ))
        for item in candidate.get("unmatched", []):
            result.append(_row(name, None, None, 0, 0, "auto", _merge([_unmatched_flag(item)], extra)))
    return result


def _row(candidate: str, exercise: str | None, task: str | None, score: float | None,
         max_score: float, graded_by: str, flags: list[str]) -> dict[str, Any]:
    """Build one score row with the keys in COLUMNS order."""
    return dict(zip(COLUMNS, (candidate, exercise, task, score, max_score, graded_by, flags), strict=False))


def _merge(*lists: list[str]) -> list[str]:
    """Concatenate flag lists, dropping repeats and keeping the first position of each."""
    return list(dict.fromkeys(flag for flags in lists for flag in flags))


def _unmatched_flag(item: dict[str, Any]) -> str:
    """Describe a submitted notebook that no exercise claimed."""
    return f"unmatched: {item['file']}: {item['reason']}"


def _write_json(path: Path, data: list[dict[str, Any]]) -> None:
    """Write the rows as an indented JSON list (stable, diff-friendly)."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_csv(path: Path, data: list[dict[str, Any]]) -> None:
    """Write the rows as CSV: flags joined with '; ', null as an empty cell."""
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        for row in data:
            values = {**row, "flags": CSV_FLAG_SEPARATOR.join(row["flags"])}
            writer.writerow(["" if values[key] is None else values[key] for key in COLUMNS])


# -- what the pages show ------------------------------------------------------


@dataclass(frozen=True)
class Points:
    """Graded points out of their maximum, plus the points still waiting for a person."""

    score: float = 0.0
    max_score: float = 0.0
    pending: float = 0.0

    def __add__(self, other: Points) -> Points:
        return Points(self.score + other.score, self.max_score + other.max_score, self.pending + other.pending)

    @property
    def percent(self) -> float | None:
        """Return the graded score as a percentage, or None when nothing is graded yet."""
        return 100 * self.score / self.max_score if self.max_score else None


def _task_points(task: dict[str, Any]) -> Points:
    """Count a task's points; an ungraded written answer is pending, in neither sum."""
    if task["score"] is None:
        return Points(pending=task["max_score"])
    return Points(task["score"], task["max_score"])


def _sum(points: list[Points]) -> Points:
    """Add up points (an empty list is zero)."""
    total = Points()
    for p in points:
        total += p
    return total


@dataclass(frozen=True)
class Flag:
    """A flag on the page: its kind (the text before the first colon), where, and the rest."""

    kind: str
    text: str
    where: str

    @classmethod
    def parse(cls, flag: str, where: str) -> Flag:
        """Split 'kind: text' (a flag without a kind is of kind 'flag')."""
        kind, sep, text = flag.partition(": ")
        return cls(kind, text, where) if sep else cls("flag", flag, where)

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.text}" if self.where else f"{self.kind}: {self.text}"


@dataclass
class Failure:
    """A failing check's message, once for every grade id that failed with it."""

    grade_ids: list[str]
    message: str
    same_as: str | None = None  # the task that already showed this message, if one did


@dataclass
class TaskView:
    """One task row of a candidate page."""

    task: dict[str, Any]
    points: Points
    flags: list[Flag]
    failures: list[Failure]
    hints: int | None
    checks_run: int | None
    checks_passed: int | None


@dataclass
class ExerciseView:
    """One exercise section of a candidate page."""

    exercise: dict[str, Any]
    points: Points
    flags: list[Flag]
    tasks: list[TaskView]
    activity: dict[str, Any] | None


@dataclass
class CandidateView:
    """Everything a candidate page and an index row show."""

    name: str
    page: str
    points: Points
    exercises: list[ExerciseView]
    topics: dict[str, Points]
    flags: list[Flag]
    unmatched: list[dict[str, Any]]
    written: list[dict[str, Any]] = field(default_factory=list)
    chart: str | None = None
    timeline: dict[str, Any] | None = None

    @property
    def waiting(self) -> list[dict[str, Any]]:
        """Return the written answers no person has graded yet."""
        return [w for w in self.written if w["task"]["score"] is None]


def _activity(exercise: dict[str, Any]) -> dict[str, Any] | None:
    """Summarise hints, Check presses and time taken, or None when nothing was recorded."""
    activity = exercise.get("activity")
    if not activity:
        return None
    checks = activity.get("checks") or []
    return {
        "hints": sum((activity.get("hints_used") or {}).values()),
        "checks": len(checks),
        "passed": sum(1 for c in checks if c.get("passed")),
        "minutes_taken": activity.get("minutes_taken"),
    }


def _failures(task: dict[str, Any], shown: dict[str, str]) -> list[Failure]:
    """Group a task's failing checks by message; point to the task that showed a message first.

    One cause often fails every check of a notebook (an integrity error, a crash at
    import): the same long message ten times would hide the one that differs.
    ``shown`` maps each message already on the page to its task, and is updated.
    """
    groups: dict[str, Failure] = {}
    for failure in task.get("failures") or []:
        message = failure.get("message") or "no message"
        group = groups.setdefault(message, Failure([], message, shown.get(message)))
        group.grade_ids.append(failure.get("grade_id") or "")
    for message in groups:
        shown.setdefault(message, task["task"])
    return list(groups.values())


def _task_view(task: dict[str, Any], activity: dict[str, Any] | None, where: str, shown: dict[str, str]) -> TaskView:
    """Build a task row, with its share of the exercise's activity when there is any."""
    hints = checks_run = checks_passed = None
    if activity:
        hints = (activity.get("hints_used") or {}).get(task["task"], 0)
        checks = [c for c in activity.get("checks") or [] if c.get("task") == task["task"]]
        checks_run, checks_passed = len(checks), sum(1 for c in checks if c.get("passed"))
    flags = [Flag.parse(f, f"{where} {task['task']}") for f in task["flags"]]
    return TaskView(task, _task_points(task), flags, _failures(task, shown), hints, checks_run, checks_passed)


def _exercise_view(exercise: dict[str, Any]) -> ExerciseView:
    """Build an exercise section: its points, flags, task rows and activity summary."""
    where = exercise["exercise"]
    shown: dict[str, str] = {}
    tasks = [_task_view(t, exercise.get("activity"), where, shown) for t in exercise["tasks"]]
    flags = [Flag.parse(f, where) for f in exercise["flags"]]
    return ExerciseView(exercise, _sum([t.points for t in tasks]), flags, tasks, _activity(exercise))


def _topic_points(exercises: list[ExerciseView]) -> dict[str, Points]:
    """Score each topic: an exercise's points count toward every topic it lists."""
    topics: dict[str, Points] = {}
    for view in exercises:
        for topic in view.exercise.get("topics", []):
            topics[topic] = topics.get(topic, Points()) + view.points
    return topics


def _page_name(candidate: str) -> str:
    """Return a safe file name for a candidate's page (no separators, no leading dot)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", candidate).lstrip(".") or "_"
    return f"{stem}.html"


def _candidate_view(candidate: dict[str, Any], page: str, unsafe: bool) -> CandidateView:
    """Gather one candidate's scores, topics, flags and written answers."""
    exercises = [_exercise_view(e) for e in candidate["exercises"]]
    flags = [f for e in exercises for f in e.flags + [tf for t in e.tasks for tf in t.flags]]
    if unsafe:
        # The banner on every page says it once; as a flag on every candidate it would
        # bury the flags that tell candidates apart.
        flags = [f for f in flags if f"{f.kind}: {f.text}" != UNSAFE_FLAG]
    unmatched = candidate.get("unmatched", [])
    flags += [Flag("unmatched", f"{u['file']}: {u['reason']}", "") for u in unmatched]
    written = [
        {"exercise": e.exercise, "task": t.task}
        for e in exercises for t in e.tasks if t.task["graded_by"] == "person"
    ]
    return CandidateView(
        name=candidate["candidate"], page=page, points=_sum([e.points for e in exercises]),
        exercises=exercises, topics=_topic_points(exercises), flags=_dedupe(flags),
        unmatched=unmatched, written=written, timeline=candidate.get("timeline"),
    )


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """Drop flags that say what an earlier one said, wherever they were raised.

    The grader often raises one finding on the notebook and again on a task; the
    panel needs to read it once, where it was raised first (the notebook).
    """
    seen: dict[tuple[str, str], Flag] = {}
    for flag in flags:
        seen.setdefault((flag.kind, flag.text), flag)
    return list(seen.values())


def _all_topics(candidates: list[CandidateView]) -> list[str]:
    """Return every topic seen in the run, in the order exercises list them."""
    return list(dict.fromkeys(topic for c in candidates for topic in c.topics))


# -- written answers ----------------------------------------------------------

_FENCE = re.compile(r"^```[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
_LIST_ITEM = re.compile(r"^\s*(\d+[.)]|[-*+])\s+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S)
_EMPHASIS = re.compile(r"(?<![*\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*\w])", re.S)


def _markdown(text: str) -> Markup:
    """Render the little markdown a written answer uses, escaping everything.

    Paragraphs, lists, headings, fenced code, `code`, **strong** and *emphasis*:
    enough to read an answer as the candidate saw it in JupyterLab. Everything is
    escaped first and only our own tags are added, so an answer's HTML shows as
    text; links and images are left as text on purpose (nothing loads, nothing
    navigates).
    """
    html: list[str] = []
    position = 0
    for fence in _FENCE.finditer(text):
        html += _blocks(text[position:fence.start()])
        html.append(f"<pre><code>{escape(fence[1].rstrip())}</code></pre>")
        position = fence.end()
    html += _blocks(text[position:])
    return Markup("\n".join(html))


def _blocks(text: str) -> list[str]:
    """Render paragraphs, headings and lists (text without code fences), line by line."""
    html: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    start: int | None = None  # the number of an ordered list's first item; None for bullets

    def flush() -> None:
        if paragraph:
            html.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            tag = "ul" if start is None else "ol"
            first = f' start="{start}"' if start not in (None, 1) else ""
            html.append(f"<{tag}{first}>" + "".join(f"<li>{_inline(i)}</li>" for i in items) + f"</{tag}>")
            items.clear()

    for line in text.splitlines():
        marker = _LIST_ITEM.match(line)
        if not line.strip():
            flush()
        elif _HEADING.match(line):
            flush()
            html.append(f'<p class="heading">{_inline(_HEADING.sub("", line))}</p>')
        elif marker:
            number = int(marker[1][:-1]) if marker[1][0].isdigit() else None
            if paragraph or (items and (number is None) != (start is None)):
                flush()  # a list may interrupt a paragraph; bullets after numbers start a new list
            if not items:
                start = number
            items.append(line[marker.end():])
        elif items:
            items[-1] += " " + line.strip()
        else:
            paragraph.append(line.strip())
    flush()
    return html


def _inline(text: str) -> str:
    """Render code spans, strong and emphasis in one line of escaped text."""
    out, position = [], 0
    for span in _CODE_SPAN.finditer(text):
        out.append(_emphasis(str(escape(text[position:span.start()]))))
        out.append(f"<code>{escape(span[2].strip())}</code>")
        position = span.end()
    out.append(_emphasis(str(escape(text[position:]))))
    return "".join(out)


def _emphasis(escaped: str) -> str:
    """Turn **strong** and *emphasis* into tags; the text is already escaped."""
    escaped = _STRONG.sub(r"<strong>\2</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\2</em>", escaped)


# -- chart --------------------------------------------------------------------

_GOOD, _FAIR, _WEAK = "#2f855a", "#c27c0e", "#c53030"


def _band(percent: float | None) -> str:
    """Name the band a percentage falls in (CSS class and chart colour)."""
    if percent is None:
        return "none"
    return "good" if percent >= 80 else "fair" if percent >= 50 else "weak"


def _topic_chart(topics: dict[str, Points]) -> str | None:
    """Draw the topic strengths as horizontal bars; return a PNG data URI, or None with nothing graded."""
    graded = [(topic, p.percent) for topic, p in topics.items() if p.percent is not None]
    if not graded:
        return None
    graded.reverse()  # barh draws bottom-up; the first topic belongs at the top
    names, percents = [t for t, _ in graded], [p for _, p in graded]
    colours = {"good": _GOOD, "fair": _FAIR, "weak": _WEAK}
    # Figure, not pyplot: no global state, no GUI backend; savefig renders with Agg.
    # Drawn at twice the size it is shown, so it stays sharp on high-density screens and in print.
    fig = Figure(figsize=(6.4, 0.8 + 0.36 * len(graded)), dpi=200, layout="constrained")
    ax = fig.add_subplot()
    bars = ax.barh(names, percents, height=0.62, color=[colours[_band(p)] for p in percents])
    ax.bar_label(bars, labels=[_percent_text(p) for p in percents], padding=4, fontsize=10, color="#2d3748")
    # Room past 100 % for the labels; ticks stop at 100.
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    ax.xaxis.set_major_formatter(PercentFormatter())
    ax.tick_params(labelsize=10, colors="#4a5568", length=0)
    ax.grid(axis="x", color="#e2e8f0", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.spines["left"].set_color("#cbd5e0")
    buffer = io.BytesIO()
    # No "Software" entry: the same run gives byte-identical reports whatever the version.
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _chart_alt(topics: dict[str, Points]) -> str:
    """Describe the chart in words for screen readers and broken images."""
    parts = [f"{topic} {_percent_text(p.percent)}" for topic, p in topics.items() if p.percent is not None]
    return "Topic strengths: " + ", ".join(parts) + "."


# -- pages --------------------------------------------------------------------


def _number(value: float | None) -> str:
    """Show a score without a needless '.0' (3.0 -> '3', 2.5 -> '2.5')."""
    if value is None:
        return "—"
    return f"{value:g}" if float(value) != int(value) else str(int(value))


def _percent_text(percent: float | None) -> str:
    """Show a percentage rounded, never claiming 100 % short of full marks."""
    if percent is None:
        return "—"
    shown = round(percent)
    if shown == 100 and percent < 100:
        shown = 99
    return f"{shown}%"


def _when(stamp: str | None) -> str:
    """Show an ISO timestamp as 'YYYY-MM-DD HH:MM UTC+hh:mm' (raw text when it does not parse)."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    zone = moment.strftime("%z")
    suffix = " UTC" if zone in ("+0000", "") else f" UTC{zone[:3]}:{zone[3:]}"
    return moment.strftime("%Y-%m-%d %H:%M") + (suffix if moment.tzinfo else "")


def _clock(stamp: str | None) -> str:
    """Show an ISO timestamp's time of day, 'HH:MM:SS' (raw text when it does not parse)."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp).strftime("%H:%M:%S")
    except ValueError:
        return stamp


_TEMPLATES.filters.update(number=_number, percent=_percent_text, band=_band, when=_when, clock=_clock,
                          markdown=_markdown)


def _csp(script: str | None) -> str:
    """Return a Content-Security-Policy allowing inline styles, data: images and only our script."""
    scripts = "'none'"
    if script is not None:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
        scripts = f"'sha256-{digest}'"
    return (f"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src {scripts}; "
            "base-uri 'none'; form-action 'none'")


def _render(template: str, **context: Any) -> str:
    """Render a page template with the run-wide context."""
    return _TEMPLATES.get_template(template).render(**context)


def _render_index(run: dict[str, Any], candidates: list[CandidateView]) -> str:
    """Render index.html: one sortable row per candidate."""
    script = _TEMPLATES.get_template("sort.js").render()
    return _render(
        "index.html", run=run, candidates=candidates, topics=_all_topics(candidates),
        script=Markup(script), csp=_csp(script), unsafe_flag=UNSAFE_FLAG,
    )


def _render_candidate(run: dict[str, Any], view: CandidateView) -> str:
    """Render one candidate's page."""
    return _render(
        "candidate.html", run=run, c=view, chart_alt=_chart_alt(view.topics),
        csp=_csp(None), unsafe_flag=UNSAFE_FLAG,
    )


def _unique_pages(run: dict[str, Any]) -> list[str]:
    """Give each candidate its own page name, even if two ids sanitise to the same one."""
    seen: set[str] = set()
    pages = []
    for candidate in run["candidates"]:
        page = _page_name(candidate["candidate"])
        stem, n = page.removesuffix(".html"), 2
        while page.lower() in seen:  # lower(): case-insensitive file systems
            page, n = f"{stem}-{n}.html", n + 1
        seen.add(page.lower())
        pages.append(page)
    return pages


def write_reports(run: dict[str, Any], out: Path) -> list[Path]:
    """Write scores.json, scores.csv, index.html and one HTML page per candidate into out; return the paths."""
    out = Path(out)
    (out / "candidates").mkdir(parents=True, exist_ok=True)
    data = rows(run)
    written = [out / "scores.json", out / "scores.csv", out / "index.html"]
    _write_json(written[0], data)
    _write_csv(written[1], data)
    unsafe = bool(run.get("unsafe"))
    views = [_candidate_view(c, page, unsafe) for c, page in zip(run["candidates"], _unique_pages(run), strict=False)]
    for view in views:
        view.chart = _topic_chart(view.topics)
        path = out / "candidates" / view.page
        path.write_text(_render_candidate(run, view), encoding="utf-8")
        written.append(path)
    written[2].write_text(_render_index(run, views), encoding="utf-8")
    return written

"""How the notebook experience looks: plain text, and ipywidgets for a widget front end.

Views only: they read a session (``notebook.Lab``, described here by
:class:`Session`) and call it when a button is pressed, but never import the
module that holds it. ipywidgets is imported only when a widget is built.
"""

from __future__ import annotations

import html
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from ._record import Outcome
from .conventions import TrackPart

if TYPE_CHECKING:
    import ipywidgets

WARN_FRACTION = 0.2  # the timer turns amber when a fifth of the time is left
#: Seconds the front end's ticker may stray from the recorded start before the kernel sets it right
#: (a background tab ticks slowly; a reloaded page starts from the last value the kernel heard).
TIMER_DRIFT = 2


class Session(Protocol):
    """What the views read from a notebook's session and ask of it."""

    exercise: str
    minutes: int
    tasks: list[str]
    hints_used: dict[str, int]
    track: TrackPart | None
    track_problem: str

    def run_check(self, task: str) -> Outcome: ...
    def next_hint(self, task: str) -> tuple[int, int, str | None]: ...
    def hints(self, task: str) -> list[str]: ...
    def interview_tasks(self) -> list[str]: ...
    def progress(self) -> tuple[int, int]: ...
    def start_timer(self) -> None: ...
    def timer_elapsed(self) -> float | None: ...
    def on_change(self, callback: Callable[[], None]) -> None: ...


# -- text ---------------------------------------------------------------------


def _tasks(tasks: list[str] | tuple[str, ...]) -> str:
    return ", ".join(tasks[:-1]) + f" and {tasks[-1]}" if len(tasks) > 1 else "".join(tasks)


def summary_text(session: Session) -> str:
    """One line on what this session is: the exercise, or the track part, its tasks and minutes."""
    track = session.track
    if track is None:
        line = f"{session.exercise}: {len(session.tasks)} tasks, {session.minutes} minutes."
        return f"{line} {session.track_problem}" if session.track_problem else line
    optional = [t for t in session.tasks if t not in track.tasks]
    line = (f"{session.exercise} in the interview \"{track.title}\": {_tasks(track.tasks)} "
            f"({len(track.tasks)} of {len(session.tasks)} tasks), {session.minutes} minutes.")
    if optional:
        line += f" {_tasks(optional)} {'is' if len(optional) == 1 else 'are'} optional, not part of this interview."
    return line


def optional_note(session: Session, task: str) -> str | None:
    """The note on a task outside the track's part, or None."""
    if session.track is None or task in session.track.tasks:
        return None
    return f"Optional: {task} is not part of this interview. Check still works if you want to try it."


def start_text(session: Session) -> str:
    tasks = session.interview_tasks()
    first = tasks[0] if tasks else "task1"
    return f"{summary_text(session)} Check a task with check(\"{first}\"); ask for a hint with hint(...)."


def panel_text(session: Session, task: str) -> str:
    line = f"Check this task with check({task!r}); ask for a hint with hint({task!r})."
    note = optional_note(session, task)
    return f"{note}\n{line}" if note else line


def outcome_text(outcome: Outcome) -> str:
    lines = [f"{'PASS' if outcome.ok else 'FAIL'} {outcome.name}"]
    lines += [f"  ok   {label}" for label in outcome.passed]
    if outcome.failure:
        lines += ["  fail " + outcome.failure.replace("\n", "\n       ")]
    return "\n".join(lines)


def hint_text(task: str, number: int, total: int, text: str | None) -> str:
    if total == 0:
        return f"No hints for {task}."
    if text is None:
        return f"No more hints for {task}: you have seen all {total}."
    return f"Hint {number} of {total} for {task}: {text}"


def outcome_html(outcome: Outcome) -> str:
    """Render a Check's result for the widget front end.

    ``data-passed`` says the verdict to the interview's session log, which sees
    this value go by (flasklab.sessionlog).
    """
    rows = "".join(f"<li class='flasklab-pass'>&#10003; {html.escape(label)}</li>" for label in outcome.passed)
    if outcome.failure:
        rows += f"<li class='flasklab-fail'>&#10007; <pre>{html.escape(outcome.failure)}</pre></li>"
    verdict = "All visible checks pass" if outcome.ok else "Not yet"
    colour = "#1a7f37" if outcome.ok else "#cf222e"
    return (
        f"<div class='flasklab-result' data-passed='{'true' if outcome.ok else 'false'}'>"
        f"<b style='color:{colour}'>{verdict}</b> "
        f"<span style='color:#57606a'>({outcome.name}, {outcome.seconds * 1000:.0f} ms)</span>"
        f"<ul style='list-style:none;padding-left:0.5em;margin:0.3em 0'>{rows}</ul></div>"
    )


def _hint_html(number: int, total: int, text: str) -> str:
    return f"<div class='flasklab-hint'><b>Hint {number} of {total}:</b> {html.escape(text)}</div>"


# -- widgets ------------------------------------------------------------------

# One progress bar and label per session, shown in the header and every panel.
_progress_views: weakref.WeakKeyDictionary[Any, tuple[ipywidgets.IntProgress, ipywidgets.Label]] = (
    weakref.WeakKeyDictionary()
)


def _progress_row(session: Session) -> ipywidgets.HBox:
    import ipywidgets as w

    if session not in _progress_views:
        bar = w.IntProgress(min=0, max=1, description="Progress", layout=w.Layout(width="320px"))
        label = w.Label()
        _progress_views[session] = (bar, label)

        def update() -> None:
            done, total = session.progress()
            bar.max = max(total, 1)
            bar.value = done
            bar.bar_style = "success" if total and done == total else "info"
            label.value = f"{done} of {total} tasks passing"

        update()
        session.on_change(update)
    bar, label = _progress_views[session]
    return w.HBox([bar, label], layout=w.Layout(align_items="center"))


def header(session: Session) -> ipywidgets.VBox:
    """Progress for the notebook and the interview timer."""
    import ipywidgets as w

    summary = html.escape(summary_text(session).removeprefix(session.exercise))
    title = w.HTML(f"<div class='flasklab-summary'><b>{html.escape(session.exercise)}</b>{summary}</div>")
    return w.VBox([title, _progress_row(session), timer(session)])


def timer(session: Session) -> ipywidgets.VBox:
    """A button that starts a countdown; the front end ticks, the kernel labels from the recorded start.

    Once started (the start is in the notebook's state file), a new kernel's
    set-up cell shows the countdown at once, with the time already used
    counted. A Play widget animates only when one of its views sees
    ``playing`` turn on, so the ticker is shown (hidden) from the start and
    is switched on again whenever a new view of it appears (a restarted
    kernel's first view, a reloaded page).
    """
    import ipywidgets as w

    seconds = session.minutes * 60
    # width auto: the default button width cuts "Start 55-minute timer" short.
    start = w.Button(description=f"Start {session.minutes}-minute timer", icon="clock",
                     tooltip="For interviews: a countdown that never blocks your work",
                     layout=w.Layout(width="auto"))
    ticker = w.Play(min=0, max=seconds, step=1, interval=1000, value=0, layout=w.Layout(display="none"))
    ticker._view_count = 0  # the front end reports each view it makes of the ticker
    bar = w.IntProgress(min=0, max=seconds, value=0, description="Time", layout=w.Layout(width="320px"))
    w.jslink((ticker, "value"), (bar, "value"))
    label = w.Label()
    countdown = w.HBox([bar, label], layout=w.Layout(align_items="center"))
    box = w.VBox([start, ticker])

    def used() -> int | None:
        elapsed = session.timer_elapsed()
        return None if elapsed is None else min(int(elapsed), seconds)

    def relabel(change: dict | None = None) -> None:
        spent = used()
        if spent is None:
            return
        if abs(ticker.value - spent) > TIMER_DRIFT:
            ticker.value = spent  # observed: relabels again, now in step
            return
        left = seconds - spent
        if left <= 0:
            bar.bar_style = "danger"
            label.value = "Time is up. Keep going: your interviewer decides when to stop."
        else:
            bar.bar_style = "warning" if left <= seconds * WARN_FRACTION else "info"
            nearly = " (nearly done)" if bar.bar_style == "warning" else ""
            label.value = f"{left // 60:d}:{left % 60:02d} left{nearly}"

    def play() -> None:
        spent = used()
        if spent is None or spent >= seconds:
            return
        ticker.playing = False  # a view animates on a change to True
        ticker.playing = True

    def show_countdown() -> None:
        ticker.value = used() or 0
        relabel()
        box.children = [countdown, ticker]

    def on_start(_: w.Button) -> None:
        session.start_timer()
        show_countdown()
        play()

    def on_views(change: dict) -> None:
        if (change["new"] or 0) > (change["old"] or 0):
            play()

    if session.timer_elapsed() is not None:
        show_countdown()
    ticker.observe(relabel, names="value")
    ticker.observe(on_views, names="_view_count")
    start.on_click(on_start)
    return box


def panel(session: Session, task: str) -> ipywidgets.VBox:
    """Check and Hint buttons for one task, with the result area below them."""
    import ipywidgets as w

    # The classes name the task for the interview's session log: the labels change as they are pressed.
    check = w.Button(description=f"Check {task}", button_style="primary", icon="check",
                     layout=w.Layout(width="auto"), _dom_classes=(f"flasklab-check-{task}",))
    hint = w.Button(description="Hint", icon="lightbulb-o", layout=w.Layout(width="auto"),
                    _dom_classes=(f"flasklab-hint-{task}",))
    result = w.HTML()
    hints = w.HTML()

    def on_check(_: w.Button) -> None:
        check.disabled = True
        check.description = "Checking..."
        try:
            result.value = outcome_html(session.run_check(task))
        finally:
            check.disabled = False
            check.description = f"Check {task}"

    def on_hint(_: w.Button) -> None:
        number, total, text = session.next_hint(task)
        if text is None:
            hint.disabled = True
            if total == 0:
                hints.value = "<i>No hints for this task.</i>"
            return
        hints.value += _hint_html(number, total, text)
        hint.description = "Another hint" if number < total else "No more hints"
        hint.disabled = number >= total

    # Hints already revealed (before a kernel restart) stay visible.
    every = session.hints(task)
    shown = every[: session.hints_used.get(task, 0)]
    hints.value = "".join(_hint_html(n, len(every), text) for n, text in enumerate(shown, 1))
    hint.disabled = not every or len(shown) >= len(every)
    if not every:
        hint.tooltip = "This task has no hints"
    check.on_click(on_check)
    hint.on_click(on_hint)
    note = optional_note(session, task)
    extra = [w.HTML(f"<i class='flasklab-optional'>{html.escape(note)}</i>")] if note else []
    buttons = w.HBox([check, hint, *extra], layout=w.Layout(align_items="center"))
    return w.VBox([buttons, result, hints, _progress_row(session)])

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

if TYPE_CHECKING:
    import ipywidgets

WARN_FRACTION = 0.2  # the timer turns amber when a fifth of the time is left


class Session(Protocol):
    """What the views read from a notebook's session and ask of it."""

    exercise: str
    minutes: int
    tasks: list[str]
    hints_used: dict[str, int]

    def run_check(self, task: str) -> Outcome: ...
    def next_hint(self, task: str) -> tuple[int, int, str | None]: ...
    def hints(self, task: str) -> list[str]: ...
    def progress(self) -> tuple[int, int]: ...
    def record(self, event: dict[str, Any]) -> None: ...
    def on_change(self, callback: Callable[[], None]) -> None: ...


# -- text ---------------------------------------------------------------------


def start_text(session: Session) -> str:
    first = session.tasks[0] if session.tasks else "task1"
    return (f"{session.exercise}: {len(session.tasks)} tasks, {session.minutes} minutes. "
            f"Check a task with check(\"{first}\"); ask for a hint with hint(...).")


def panel_text(task: str) -> str:
    return f"Check this task with check({task!r}); ask for a hint with hint({task!r})."


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

    title = w.HTML(f"<b>{html.escape(session.exercise)}</b>: {len(session.tasks)} tasks, "
                   f"{session.minutes} minutes")
    return w.VBox([title, _progress_row(session), timer(session)])


def timer(session: Session) -> ipywidgets.VBox:
    """A button that starts a countdown; the front end ticks, the kernel only relabels."""
    import ipywidgets as w

    seconds = session.minutes * 60
    start = w.Button(description=f"Start {session.minutes}-minute timer", icon="clock",
                     tooltip="For interviews: a countdown that never blocks your work")
    ticker = w.Play(min=0, max=seconds, step=1, interval=1000, value=0, layout=w.Layout(display="none"))
    bar = w.IntProgress(min=0, max=seconds, value=0, description="Time", layout=w.Layout(width="320px"))
    w.jslink((ticker, "value"), (bar, "value"))
    label = w.Label()
    box = w.VBox([start])

    def relabel(change: dict | None = None) -> None:
        left = seconds - ticker.value
        if left <= 0:
            bar.bar_style = "danger"
            label.value = "Time is up. Keep going: your interviewer decides when to stop."
        else:
            bar.bar_style = "warning" if left <= seconds * WARN_FRACTION else "info"
            nearly = " (nearly done)" if bar.bar_style == "warning" else ""
            label.value = f"{left // 60:d}:{left % 60:02d} left{nearly}"

    def on_start(_: w.Button) -> None:
        relabel()
        box.children = [w.HBox([bar, label], layout=w.Layout(align_items="center")), ticker]
        ticker.playing = True
        session.record({"event": "timer_started", "minutes": session.minutes})

    ticker.observe(relabel, names="value")
    start.on_click(on_start)
    return box


def panel(session: Session, task: str) -> ipywidgets.VBox:
    """Check and Hint buttons for one task, with the result area below them."""
    import ipywidgets as w

    # The classes name the task for the interview's session log: the labels change as they are pressed.
    check = w.Button(description=f"Check {task}", button_style="primary", icon="check",
                     _dom_classes=(f"flasklab-check-{task}",))
    hint = w.Button(description="Hint", icon="lightbulb-o", _dom_classes=(f"flasklab-hint-{task}",))
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
    return w.VBox([w.HBox([check, hint]), result, hints, _progress_row(session)])

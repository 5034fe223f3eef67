"""ipywidgets views of the notebook experience; imported only with a widget front end."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import ipywidgets as w

if TYPE_CHECKING:
    from .notebook import Lab

WARN_FRACTION = 0.2  # the timer turns amber when a fifth of the time is left


def _progress(lab: Lab) -> w.IntProgress:
    """One progress bar, shared by the header and every panel."""
    if "progress" not in lab._widgets:
        bar = w.IntProgress(min=0, max=max(len(lab.tasks), 1), description="Progress",
                            layout=w.Layout(width="320px"))
        label = w.Label()
        lab._widgets["progress"] = bar
        lab._widgets["progress_label"] = label
        update_progress(lab)
    return lab._widgets["progress"]


def update_progress(lab: Lab) -> None:
    done, total = lab.progress()
    bar = lab._widgets["progress"]
    bar.max = max(total, 1)
    bar.value = done
    bar.bar_style = "success" if total and done == total else "info"
    lab._widgets["progress_label"].value = f"{done} of {total} tasks passing"


def _progress_row(lab: Lab) -> w.HBox:
    bar = _progress(lab)
    return w.HBox([bar, lab._widgets["progress_label"]], layout=w.Layout(align_items="center"))


def header(lab: Lab) -> w.VBox:
    """Progress for the notebook and the interview timer."""
    title = w.HTML(f"<b>{html.escape(lab.exercise)}</b>: {len(lab.tasks)} tasks, {lab.minutes} minutes")
    return w.VBox([title, _progress_row(lab), _timer(lab)])


def _timer(lab: Lab) -> w.VBox:
    seconds = lab.minutes * 60
    start = w.Button(description=f"Start {lab.minutes}-minute timer", icon="clock",
                     tooltip="For interviews: a countdown that never blocks your work")
    # The front end ticks a Play widget once a second; the kernel only relabels.
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
            label.value = f"{left // 60:d}:{left % 60:02d} left" + (" (nearly done)" if bar.bar_style == "warning" else "")

    def on_start(_: w.Button) -> None:
        relabel()
        box.children = [w.HBox([bar, label], layout=w.Layout(align_items="center")), ticker]
        ticker.playing = True
        lab._save_state({"event": "timer_started", "minutes": lab.minutes})

    ticker.observe(relabel, names="value")
    start.on_click(on_start)
    lab._widgets["timer"] = {"start": start, "ticker": ticker, "bar": bar, "label": label}
    return box


def panel(lab: Lab, task: str) -> w.VBox:
    """Check and Hint buttons for one task, with the result area below them."""
    check = w.Button(description=f"Check {task}", button_style="primary", icon="check")
    hint = w.Button(description="Hint", icon="lightbulb-o")
    result = w.HTML()
    hints = w.HTML()

    def on_check(_: w.Button) -> None:
        from .notebook import outcome_html

        check.disabled = True
        check.description = "Checking..."
        try:
            result.value = outcome_html(lab.run_check(task))
        finally:
            check.disabled = False
            check.description = f"Check {task}"

    def on_hint(_: w.Button) -> None:
        number, total, text = lab.next_hint(task)
        if text is None:
            hint.disabled = True
            if total == 0:
                hints.value = "<i>No hints for this task.</i>"
            return
        hints.value += f"<div class='flasklab-hint'><b>Hint {number} of {total}:</b> {html.escape(text)}</div>"
        hint.description = "Another hint" if number < total else "No more hints"
        hint.disabled = number >= total

    # Hints already revealed (before a kernel restart) stay visible.
    shown = lab.hints(task)[: lab.hints_used.get(task, 0)]
    for n, text in enumerate(shown, 1):
        hints.value += f"<div class='flasklab-hint'><b>Hint {n} of {len(lab.hints(task))}:</b> {html.escape(text)}</div>"
    total = len(lab.hints(task))
    hint.disabled = total == 0 or len(shown) >= total
    if total == 0:
        hint.tooltip = "This task has no hints"
    check.on_click(on_check)
    hint.on_click(on_hint)
    return w.VBox([w.HBox([check, hint]), result, hints, _progress_row(lab)])

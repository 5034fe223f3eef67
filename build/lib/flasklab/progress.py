"""The progress bar `flasklab grade` shows: notebooks done, failing and flagged."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


class GradeProgress:
    """A rich progress bar fed by ``flasklab.grade.grade``'s progress callback."""

    def __init__(self) -> None:
        self.console = Console(stderr=True)
        self.bar = Progress(
            TextColumn("[bold]grading"), BarColumn(), MofNCompleteColumn(),
            TextColumn("[red]{task.fields[failing]} failing"), TextColumn("[yellow]{task.fields[flagged]} flagged"),
            TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
            console=self.console, transient=False,
        )
        self.task = self.bar.add_task("grading", total=None, failing=0, flagged=0, last="", start=False)
        self.failing = self.flagged = 0

    def __enter__(self) -> GradeProgress:
        self.bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.bar.stop()

    def update(self, kind: str, info: dict[str, Any]) -> None:
        if kind == "start":
            self.bar.update(self.task, total=info["total"])
            self.bar.start_task(self.task)
        elif kind == "result":
            self.failing += not info["ok"] or info["lost"]
            self.flagged += info["flagged"]
            self.bar.update(self.task, advance=1, failing=self.failing, flagged=self.flagged,
                            last=f"{info['candidate']}/{info['exercise']}")

"""Send a request and collect what the candidate's app logged to one named logger.

Every check silences logging while candidate code runs (a record that reaches
stderr costs the cell its points, see docs/grading-traps.md), so a test that is
about logging cannot simply attach a handler. ``logged`` sends one request the
way ``AppProbe.request`` does and, for the length of that request only, lets
records of the named logger (and of its children) through to a collector:

    from autograder import check_app
    from autograder.logcapture import logged, describe_records

    app = check_app(create_app)
    reply, records = logged(app, "expenses.authz", "GET", "/me", headers={...})
    assert records, f"{reply.label} logged nothing to expenses.authz"

Nothing the app logs reaches a real stream meanwhile: the named logger does not
propagate, the root logger's handlers are replaced by the collector's silent
twin, and stderr stays redirected as in every check.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from ._guard import guarded
from .probe import AppProbe, Reply, _show

__all__ = ["STANDARD_ATTRIBUTES", "describe_records", "extra_fields", "logged"]

# The attributes every LogRecord has; anything else was passed with `extra=`.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("n", logging.INFO, "p", 1, "m", None, None))) | {
    "message", "asctime", "taskName",
}


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _Silent(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        pass


def logged(
    probe: AppProbe, logger: str, method: str, path: str, **kwargs: Any
) -> tuple[Reply, list[logging.LogRecord]]:
    """Send one request; return its reply and the records ``logger`` (or a child of it) emitted meanwhile.

    Records of every level are collected, whatever level the app set on the
    logger. Records of other loggers are dropped silently.
    """
    __tracebackhide__ = True
    method = method.upper()
    label = f"{method} {path}"
    if "json" in kwargs:
        label += f" with JSON {_show(kwargs['json'])}"
    collector = _Collector()
    target = logging.getLogger(logger)
    root = logging.getLogger()
    with guarded(label, probe.timeout, advice=probe._unhandled):
        saved = (target.handlers[:], target.level, target.propagate, target.disabled)
        saved_root = (root.handlers[:], root.level)
        saved_disable = logging.root.manager.disable
        target.handlers[:] = [collector]
        target.setLevel(logging.DEBUG)
        target.propagate = False
        target.disabled = False
        root.handlers[:] = [_Silent()]
        logging.disable(logging.NOTSET)
        try:
            response = probe.client.open(path, method=method, **kwargs)
            response.get_data()
        finally:
            logging.disable(saved_disable)
            target.handlers[:], _, target.propagate, target.disabled = saved
            target.setLevel(saved[1])
            root.handlers[:] = saved_root[0]
            root.setLevel(saved_root[1])
    return Reply(label, response), collector.records


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    """The attributes of a record that are not a LogRecord's own (what `extra=` added)."""
    return {k: v for k, v in vars(record).items() if k not in STANDARD_ATTRIBUTES}


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # noqa: BLE001 - a candidate's bad format string still shows something
        return str(record.msg)


def describe_records(records: Iterable[logging.LogRecord]) -> str:
    """One line per record: logger, level, message and the extra fields, for a failure message."""
    lines = []
    for record in records:
        fields = ", ".join(f"{k}={v!r}" for k, v in sorted(extra_fields(record).items()))
        lines.append(f"{record.name} {record.levelname} {_message(record)!r} ({fields or 'no extra fields'})")
    return "\n    ".join(lines) if lines else "(no records)"

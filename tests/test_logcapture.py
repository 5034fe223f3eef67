"""logged (exercise 08): the records of one named logger during one request, and nothing on stderr."""

from __future__ import annotations

import logging
import sys

import pytest
from flask import Flask

from autograder import CheckFailed, check_app
from autograder.logcapture import describe_records, extra_fields, logged

NAME = "tests.logcapture.decisions"


def logging_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})
    decisions = logging.getLogger(NAME)

    @app.get("/decide")
    def decide():
        decisions.info("allowed %s", "ana", extra={"user": "ana", "allowed": True})
        logging.getLogger(NAME + ".child").warning("from a child", extra={"user": "ben"})
        logging.getLogger("tests.logcapture.elsewhere").error("not collected")
        app.logger.error("the app's own logger, not collected")
        return {"ok": True}

    @app.get("/debug")
    def debug():
        decisions.debug("low level")
        return {}

    @app.get("/boom")
    def boom():
        raise RuntimeError("broken view")

    return app


def test_collects_the_named_logger_and_its_children_only():
    app = check_app(logging_app)
    reply, records = logged(app, NAME, "GET", "/decide")
    reply.expect(200, json={"ok": True})
    assert [r.name for r in records] == [NAME, NAME + ".child"]
    assert extra_fields(records[0]) == {"user": "ana", "allowed": True}
    assert records[0].getMessage() == "allowed ana"


def test_collects_every_level_whatever_the_app_set_and_restores_the_logger():
    target = logging.getLogger(NAME)
    target.setLevel(logging.ERROR)
    marker = logging.NullHandler()
    target.addHandler(marker)
    try:
        _, records = logged(check_app(logging_app), NAME, "GET", "/debug")
        assert [r.levelno for r in records] == [logging.DEBUG]
        assert target.level == logging.ERROR and target.handlers == [marker] and target.propagate
    finally:
        target.removeHandler(marker)
        target.setLevel(logging.NOTSET)


def test_nothing_reaches_stderr_or_the_root_handlers(capsys):
    seen: list[logging.LogRecord] = []
    root_handler = logging.Handler()
    root_handler.emit = seen.append  # type: ignore[method-assign]
    stream = logging.StreamHandler(sys.stderr)
    root = logging.getLogger()
    root.addHandler(root_handler)
    root.addHandler(stream)
    try:
        logged(check_app(logging_app), NAME, "GET", "/decide")
    finally:
        root.removeHandler(root_handler)
        root.removeHandler(stream)
    assert seen == []
    assert capsys.readouterr().err == ""
    assert logging.root.manager.disable == logging.NOTSET


def test_an_exception_in_the_view_is_a_check_failure_naming_the_request():
    with pytest.raises(CheckFailed, match=r"GET /boom raised an exception"):
        logged(check_app(logging_app), NAME, "GET", "/boom")


def test_describe_records_shows_level_message_and_extra_fields():
    _, records = logged(check_app(logging_app), NAME, "GET", "/decide")
    text = describe_records(records)
    assert f"{NAME} INFO 'allowed ana' (allowed=True, user='ana')" in text
    assert "from a child" in text
    assert describe_records([]) == "(no records)"

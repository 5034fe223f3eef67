"""check_async_app (exercise 18): async views reached from a thread that runs an event loop, as a kernel's does."""

from __future__ import annotations

import logging
import threading

import pytest
from flask import Flask
from kernel_cells import run_cell
from loops import run_apart

from autograder import CheckFailed, check_app
from autograder.async_views import check_async_app, in_worker_thread
from autograder.logcapture import logged

CELL = """\
import asyncio
import logging

from flask import Flask


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/gather")
    async def gather():
        async def one(n):
            await asyncio.sleep(0)
            return n
        return {"values": await asyncio.gather(one(1), one(2))}

    @app.get("/broken")
    async def broken():
        await asyncio.sleep(0)
        raise ValueError("a bug in the view")

    @app.get("/hang")
    async def hang():
        await asyncio.sleep(5)
        return {}

    @app.get("/logs")
    async def logs():
        logging.getLogger("tests.async_views").warning("one upstream failed")
        return {}

    return app
"""


@pytest.fixture
def create_app():
    return run_cell(CELL)["create_app"]


def in_a_running_loop(work):
    """Run ``work()`` synchronously from inside a running event loop, as a kernel's cell runs."""

    async def main():
        return work()

    return run_apart(main)


def test_the_plain_probe_cannot_call_an_async_view_inside_a_running_loop(create_app):
    """Why the module exists: asgiref refuses, as it does in ipykernel 7's main thread."""
    probe = check_app(create_app)
    with pytest.raises(CheckFailed, match="AsyncToSync"):
        in_a_running_loop(lambda: probe.get("/gather"))


def test_async_views_answer_from_inside_a_running_loop(create_app):
    probe = check_async_app(create_app)
    reply = in_a_running_loop(lambda: probe.get("/gather"))
    reply.expect(200, json={"values": [1, 2]})


def test_the_config_reaches_the_factory(create_app):
    probe = check_async_app(create_app, {"GREETING": "hello"})
    assert probe.app.config["GREETING"] == "hello"
    assert probe.app.config["TESTING"] is True


def test_an_exception_in_the_view_names_the_candidates_line(create_app):
    probe = check_async_app(create_app)
    with pytest.raises(CheckFailed) as failure:
        in_a_running_loop(lambda: probe.get("/broken"))
    message = str(failure.value)
    assert "GET /broken raised an exception in your code" in message
    assert "ValueError: a bug in the view" in message
    assert 'raise ValueError("a bug in the view")' in message


def test_a_hanging_view_is_stopped_by_the_time_limit_and_left_behind(create_app):
    probe = check_async_app(create_app, timeout=0.3)
    with pytest.raises(CheckFailed, match=r"GET /hang did not finish within 0.3 s"):
        probe.get("/hang")
    # The abandoned request's thread is a daemon: it cannot keep the kernel from exiting.
    assert all(t.daemon for t in threading.enumerate() if t.name == "flasklab-request")


def test_logged_works_through_the_worker_thread(create_app):
    probe = check_async_app(create_app)
    reply, records = logged(probe, "tests.async_views", "GET", "/logs")
    reply.expect(200)
    assert [(r.levelno, r.getMessage()) for r in records] == [(logging.WARNING, "one upstream failed")]


def test_sync_views_still_work():
    def create_app(test_config=None):
        app = Flask(__name__)

        @app.get("/")
        def index():
            return {"thread": threading.current_thread().name}

        return app

    check_async_app(create_app).get("/").expect(200, json={"thread": "flasklab-request"})


def test_in_worker_thread_returns_and_raises():
    assert in_worker_thread(lambda: threading.current_thread().name) == "flasklab-request"

    def fail():
        raise KeyError("missing")

    with pytest.raises(KeyError, match="missing"):
        in_worker_thread(fail)

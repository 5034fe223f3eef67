"""19_background_jobs against a real Redis: our solution and every test cell, visible and hidden.

The notebook runs on fakeredis; this proves the same code (RQ's queue, retries, registries and the
job's sent-records) behaves the same on a real ``redis-server``. The server is started here on a free
loopback port with no persistence, in a temporary folder, and stopped even when start-up fails.
Each call of the notebook's ``fresh_redis()`` gets an empty database of its own on that server.

Without ``redis-server`` the test skips outside CI and fails in CI (``.ci/run`` installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import redis

import harness

EXERCISE = "19_background_jobs"
DATABASES = 128


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def redis_port():
    """A redis-server of our own on a free loopback port, with no persistence; stopped afterwards."""
    binary = shutil.which("redis-server")
    if binary is None:
        reason = "redis-server is not installed; install redis-server: apt-get install redis-server"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    folder = tempfile.mkdtemp(prefix="flasklab-redis-")
    proc = None
    try:
        for _attempt in range(3):
            port = _free_port()
            proc = subprocess.Popen(
                [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", folder, "--databases", str(DATABASES), "--protected-mode", "yes"],
                cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    if redis.Redis(host="127.0.0.1", port=port, socket_timeout=1).ping():
                        break
                except redis.exceptions.ConnectionError:
                    time.sleep(0.05)
            else:
                harness.stop_process_group(proc)
                proc = None
                continue
            break
        assert proc is not None, "redis-server did not answer PING within 10 seconds (3 tries)"
        yield port
    finally:
        if proc is not None:
            harness.stop_process_group(proc)
        shutil.rmtree(folder, ignore_errors=True)


def test_19_background_jobs_on_real_redis(redis_port):
    notebooks = harness.ours(EXERCISE)
    used = []

    class RealRedis(redis.Redis):
        def __repr__(self) -> str:
            return f"redis-server database {self.connection_pool.connection_kwargs['db']}"

    def fresh_redis():
        number = len(used)
        assert number < DATABASES, f"the notebook asked for more than {DATABASES} fresh Redis databases"
        connection = RealRedis(host="127.0.0.1", port=redis_port, db=number)
        connection.flushdb()
        used.append(connection)
        return connection

    failures = []
    graded = []
    try:
        for cell in harness.graded_cells(EXERCISE, notebooks):
            try:
                cell.run()
            except Exception as exc:  # noqa: BLE001 - collect every failing cell
                failures.append(f"{cell.grade_id}: {type(exc).__name__}: {exc}")
            if cell.grade_id == "given":
                assert "fresh_redis" in cell.namespace, "the given cell no longer defines fresh_redis()"
                cell.namespace["fresh_redis"] = fresh_redis
            if cell.is_test:
                graded.append(cell.grade_id)
    finally:
        for connection in used:
            connection.close()
    assert len(graded) >= 10, f"expected the visible and hidden cells of five tasks, ran {graded}"
    assert len(used) > 10, "the test cells should have asked the real server for fresh databases"
    assert not failures, "cells that fail on a real Redis:\n" + "\n".join(failures)

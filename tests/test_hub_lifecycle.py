"""The hub's limits and its end, seen happening in a real `flasklab hub` on loopback.

- The cap (``--max-servers``) refuses a server beyond it, with JupyterHub's own answer.
- The idle culler (``--idle-timeout``) stops a server nobody uses, which frees a place under the cap,
  and its owner's next server starts.
- A hub killed outright (SIGKILL, as the OOM killer does) leaves no proxy, culler or server running,
  and ``flasklab hub`` says so and exits with an error.
- A ``flasklab hub`` killed outright still stops its hub and everything the hub started.

tests/test_hub.py is the exchange end to end; this module needs no browser and no notebook.
"""

from __future__ import annotations

import os
import secrets
import signal
import time

import pytest

import hubbing

pytestmark = [pytest.mark.xdist_group("hub-lifecycle"), pytest.mark.hub]

RUN = secrets.token_hex(2)
INTERVIEWER, FIRST, SECOND = f"ivl{RUN}", f"one{RUN}", f"two{RUN}"
#: flasklab hub's smallest idle timeout; the culler then looks every 30 s.
IDLE = 60


def _servers(hub: hubbing.Hub, name: str) -> dict:
    model = hub.api(f"/hub/api/users/{name}")
    assert isinstance(model, dict)
    return model.get("servers", {})


def _running_server(hub: hubbing.Hub, name: str) -> list[hubbing.Process]:
    """Spawn ``name``'s server unless it runs; return the hub's processes with it running."""
    hub.user_token(name)
    if not _servers(hub, name):
        hub.spawn(name)
    hub.wait_ready(name)
    processes = hubbing.descendants(hub.hub_pid())
    commands = " | ".join(p.command for p in processes)
    assert "configurable-http-proxy" in commands and "jupyterhub_idle_culler" in commands, commands
    assert "jupyterhub.singleuser" in commands, commands
    return processes


@pytest.fixture(scope="module")
def capped():
    """A hub with room for one server at a time and the shortest idle timeout."""
    hubbing.require()
    with hubbing.running([INTERVIEWER], [FIRST, SECOND], "--max-servers", "1", "--idle-timeout", str(IDLE)) as hub:
        yield hub


def test_the_cap_refuses_a_second_server_until_the_culler_stops_the_idle_one(capped: hubbing.Hub) -> None:
    hub = capped
    for name in (FIRST, SECOND):
        hub.user_token(name)
    hub.spawn(FIRST)
    hub.wait_ready(FIRST)
    status, body = hub.request(f"/hub/api/users/{SECOND}/server", hub.admin_token, "POST", body={})
    assert status == 429, f"a server beyond --max-servers 1 was not refused: {status} {body[:300]!r}"
    assert b"Try again in a few minutes" in body
    assert not _servers(hub, SECOND)

    # Nobody uses the first server: the culler stops it between IDLE and IDLE + 30 s after its start.
    started = time.monotonic()
    while _servers(hub, FIRST):
        assert time.monotonic() - started < IDLE + 90, (
            f"the idle culler did not stop an idle server within {IDLE + 90} s:\n{hub.log_tail()}")
        time.sleep(2)
    assert "idle-culler" in hub.log_tail(400) or "Culling server" in hub.log_tail(400)

    # The place it held is free again, and the same candidate can come back: a second server of
    # one person starts although the first left ~/.ipython in the home (jupyter_core's migration).
    assert (hub.state / "homes" / FIRST / ".ipython").is_dir()
    hub.spawn(FIRST)
    hub.wait_ready(FIRST)


def test_a_killed_hub_leaves_no_proxy_culler_or_server_running(capped: hubbing.Hub) -> None:
    hub = capped
    for name in (FIRST, SECOND):  # also when this test runs alone
        hub.user_token(name)
    running = [n for n in (FIRST, SECOND) if _servers(hub, n)]
    processes = _running_server(hub, running[0] if running else FIRST)
    os.kill(hub.hub_pid(), signal.SIGKILL)

    output = hub.rest_of_output()
    assert hub.proc.wait(30) != 0, "flasklab hub exited as if nothing had happened"
    assert "JupyterHub was killed by SIGKILL" in output, output
    left = hubbing.wait_gone(processes)
    assert not left, "still running after the hub was killed:\n" + "\n".join(p.command for p in left)


def test_a_killed_flasklab_hub_stops_its_hub_and_everything_the_hub_started() -> None:
    hubbing.require()
    with hubbing.running([INTERVIEWER], [FIRST, SECOND]) as hub:
        jupyterhub = hubbing.process(hub.hub_pid())
        assert jupyterhub is not None
        processes = [jupyterhub, *_running_server(hub, FIRST)]
        os.kill(hub.proc.pid, signal.SIGKILL)  # flasklab hub itself: no finally, no clean-up of its own
        hub.proc.wait(10)
        left = hubbing.wait_gone(processes, timeout=60)
        assert not left, "still running after flasklab hub was killed:\n" + "\n".join(p.command for p in left)

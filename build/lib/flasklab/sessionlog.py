"""Log a live interview from the Jupyter server: who ran what, and each Check and Hint press.

Enable it on the interview's server::

    jupyter lab \\
      --ServerApp.kernel_websocket_connection_class=flasklab.sessionlog.LoggingKernelConnection \\
      --LoggingKernelConnection.log_path=SESSION/session.jsonl

Every browser reaches its kernel through one websocket; this connection class
is that websocket's server end, so it sees every message a person sends and
every message the kernel answers with. It appends one JSON object per line
(``at`` is UTC ISO 8601; ``user`` and ``display_name`` are the jupyter_server
user who sent the message; ``notebook`` is the path of the kernel's session
under the server root, or null; ``kernel`` is the kernel id):

- ``execute``: a cell run from a browser: ``cell`` (the notebook cell id),
  ``msg_id``, ``source`` (cut at :data:`MAX_SOURCE` characters, with
  ``source_truncated``), and ``silent`` when the front end ran it silently;
- ``execute_reply``: how that run ended, as the kernel reported it
  (``reported_by: "kernel"``): ``status`` ``ok``, ``error`` or ``aborted``,
  and ``ename`` for an error, with the request's ``msg_id``, cell and user;
- ``check`` / ``hint``: a press of a task's Check or Hint button: ``task``
  (null when the button does not say which) and the click's ``msg_id``;
- ``check_result``: what the Check's result area then showed (``passed``),
  as the kernel reported it (``reported_by: "kernel"``).

The server writes the file, outside the server root (a log path inside it is
refused): no kernel, sandboxed or not, and no browser can open or rewrite it.
What people sent (runs, presses, their user) is what the server received;
what a kernel answered (an outcome, a Check's result) runs through code the
candidate can change, and says so. ``flasklab.timeline`` reads the file back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any, ClassVar

from jupyter_server.services.kernels.connection.base import deserialize_binary_message, deserialize_msg_from_ws_v1
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from tornado import web
from traitlets import Unicode, validate

__all__ = ["MAX_SOURCE", "LoggingKernelConnection", "log_path_problem"]

#: The characters of a cell's source kept in an ``execute`` line.
MAX_SOURCE = 100_000
#: Requests and Check presses waiting for their answer; the oldest are forgotten past this.
MAX_PENDING = 10_000
V1_PROTOCOL = "v1.kernel.websocket.jupyter.org"
_BUTTON_CLASS = re.compile(r"flasklab-(check|hint)-(\S+)")
_CHECK_DESCRIPTION = re.compile(r"Check (\S+)")
_RESULT = re.compile(r"class='flasklab-result'[^>]*data-passed='(true|false)'")
_write_lock = threading.Lock()


def log_path_problem(log_path: Path, root_dir: Path) -> str | None:
    """Say why ``log_path`` cannot hold the session log of a server rooted at ``root_dir``, or None."""
    log, root = log_path.resolve(), root_dir.resolve()
    if log == root or root in log.parents:
        return (f"LoggingKernelConnection.log_path={log_path} is inside the server root {root_dir}: anyone using "
                "the server could open or rewrite it there. Put the session log outside the root, e.g. "
                f"{root.parent / 'session.jsonl'}.")
    if log.is_dir():
        return f"LoggingKernelConnection.log_path={log_path} is a folder; give the path of a file, e.g. session.jsonl."
    return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _raw(part: Any) -> bytes:
    """The bytes of one message part (a zmq Frame when the stream was read without copying)."""
    return bytes(part.bytes) if hasattr(part, "bytes") else bytes(part)


class LoggingKernelConnection(ZMQChannelsWebsocketConnection):
    """A kernel websocket connection that appends what people run and press to a JSON-lines session log."""

    log_path = Unicode(
        "",
        config=True,
        help="The file the session log is appended to (JSON lines), outside the server root. Empty: log nothing.",
    )

    # Shared by every connection of the server process: a reply can reach another
    # connection than its request (a browser that reconnected), and every connection
    # to a kernel sees the same widgets.
    _pending: ClassVar[OrderedDict[str, dict[str, Any]]] = OrderedDict()
    _buttons: ClassVar[dict[str, dict[str, tuple[str, str | None] | None]]] = {}

    @validate("log_path")
    def _absolute_log_path(self, proposal: dict[str, Any]) -> str:
        value = str(proposal["value"])
        return os.path.abspath(os.path.expanduser(value)) if value else ""

    async def prepare(self) -> None:
        """Refuse a kernel connection while the log would be unsafe or unwritable, then connect as usual."""
        if self.log_path:
            root = self.websocket_handler.settings.get("server_root_dir") or os.getcwd()
            problem = log_path_problem(Path(self.log_path), Path(root))
            if problem is None:
                try:
                    Path(self.log_path).parent.mkdir(parents=True, exist_ok=True)
                    os.close(os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
                except OSError as exc:
                    problem = f"LoggingKernelConnection.log_path={self.log_path} cannot be written: {exc}"
            if problem:
                self.log.error(problem)
                raise web.HTTPError(500, "%s", problem)
        await super().prepare()

    # -- the two directions --------------------------------------------------------

    def handle_incoming_message(self, incoming_msg: Any) -> None:
        """Log a browser's message (never stopping it), then pass it to the kernel."""
        if self.log_path and self.channels:
            try:
                self._incoming(incoming_msg)
            except Exception:  # noqa: BLE001 - the log must never break a candidate's kernel
                self.log.exception("session log: could not log a message from the browser")
        super().handle_incoming_message(incoming_msg)

    def handle_outgoing_message(self, stream: Any, outgoing_msg: list[Any]) -> None:
        """Log a kernel's answer (never stopping it), then pass it to the browser."""
        if self.log_path:
            try:
                self._outgoing(stream, outgoing_msg)
            except Exception:  # noqa: BLE001 - the log must never break a candidate's kernel
                self.log.exception("session log: could not log a message from the kernel")
        super().handle_outgoing_message(stream, outgoing_msg)

    def _incoming(self, ws_msg: Any) -> None:
        unpack = self.session.unpack
        if self.subprotocol == V1_PROTOCOL:
            channel, parts = deserialize_msg_from_ws_v1(ws_msg)
            if len(parts) < 4:
                return
            header = unpack(parts[0])
            if not self._wanted_request(channel, header):
                return
            metadata, content = unpack(parts[2]), unpack(parts[3])
        else:
            msg = deserialize_binary_message(ws_msg) if isinstance(ws_msg, bytes) else json.loads(ws_msg)
            channel, header = msg.get("channel"), msg.get("header") or {}
            if not self._wanted_request(channel, header):
                return
            metadata, content = msg.get("metadata") or {}, msg.get("content") or {}
        if header["msg_type"] == "execute_request":
            self._execute(header, metadata, content)
        else:
            self._click(header, content)

    def _wanted_request(self, channel: str | None, header: dict[str, Any]) -> bool:
        """Is this a message the log records, that the server will pass on to the kernel?"""
        allowed = self.multi_kernel_manager.allowed_message_types
        msg_type = header.get("msg_type")
        return ((channel or "shell") == "shell" and msg_type in ("execute_request", "comm_msg")
                and (not allowed or msg_type in allowed))

    def _outgoing(self, stream: Any, msg_list: list[Any]) -> None:
        channel = stream if isinstance(stream, str) else getattr(stream, "channel", None)
        if channel not in ("shell", "iopub"):
            return
        _, parts = self.session.feed_identities([_raw(p) for p in msg_list])
        if len(parts) < 5:
            return
        unpack = self.session.unpack
        msg_type = unpack(parts[1]).get("msg_type")  # parts: signature, header, parent, metadata, content
        if channel == "shell" and msg_type == "execute_reply":
            self._reply(unpack(parts[2]), unpack(parts[4]))
        elif channel == "iopub" and msg_type in ("comm_open", "comm_msg"):
            self._widget_state(unpack(parts[2]), unpack(parts[4]))

    # -- what is logged --------------------------------------------------------------

    def _execute(self, header: dict[str, Any], metadata: dict[str, Any], content: dict[str, Any]) -> None:
        source = str(content.get("code", ""))
        line = {**self._context("execute"), "cell": metadata.get("cellId"), "msg_id": header.get("msg_id"),
                "source": source[:MAX_SOURCE]}
        if len(source) > MAX_SOURCE:
            line["source_truncated"] = True
        if content.get("silent"):
            line["silent"] = True
        self._remember(str(header.get("msg_id")), {k: line[k] for k in ("user", "display_name", "role", "kernel",
                                                                           "notebook", "cell") if k in line})
        self._write(line)

    def _reply(self, parent: dict[str, Any], content: dict[str, Any]) -> None:
        msg_id = str(parent.get("msg_id"))
        request = self._pending.pop(msg_id, None)
        if request is None:
            return  # not a request this server logged (a kernel_info probe, a request before the log began)
        line = {"at": _now(), "event": "execute_reply", **request, "msg_id": msg_id,
                "status": content.get("status"), "reported_by": "kernel"}
        if content.get("status") == "error":
            line["ename"] = content.get("ename")
        self._write(line)

    def _click(self, header: dict[str, Any], content: dict[str, Any]) -> None:
        data = content.get("data") or {}
        custom = data.get("content") if isinstance(data, dict) else None
        if data.get("method") != "custom" or not isinstance(custom, dict) or custom.get("event") != "click":
            return
        button = self._buttons.get(self.kernel_id, {}).get(str(content.get("comm_id")))
        if button is None:
            return  # a button that is not a Check or a Hint
        kind, task = button
        line = {**self._context(kind), "task": task, "msg_id": header.get("msg_id")}
        if kind == "check":
            self._remember(f"check:{header.get('msg_id')}", {k: line[k] for k in (
                "user", "display_name", "role", "kernel", "notebook", "task") if k in line})
        self._write(line)

    def _widget_state(self, parent: dict[str, Any], content: dict[str, Any]) -> None:
        data = content.get("data")
        if not isinstance(data, dict) or not isinstance(data.get("state"), dict):
            return
        state, model = data["state"], str(content.get("comm_id"))
        buttons = self._buttons.setdefault(self.kernel_id, {})
        if state.get("_model_name") == "ButtonModel":
            buttons.setdefault(model, None)
        if model in buttons:
            buttons[model] = _button_role(state, buttons[model])
        value = state.get("value")
        check = self._pending.get(f"check:{parent.get('msg_id')}")
        if check is not None and isinstance(value, str) and (found := _RESULT.search(value)):
            # The result area of the Check that was pressed: updated while the kernel handled that click.
            del self._pending[f"check:{parent.get('msg_id')}"]
            self._write({"at": _now(), "event": "check_result", **check, "passed": found[1] == "true",
                         "msg_id": parent.get("msg_id"), "reported_by": "kernel"})

    def _context(self, event: str) -> dict[str, Any]:
        """When, what, who and where: the fields every line a person caused starts with."""
        user = self.websocket_handler.current_user
        if isinstance(user, str):
            who: dict[str, Any] = {"user": user, "display_name": user}
        else:
            who = {"user": getattr(user, "username", None),
                   "display_name": getattr(user, "display_name", None) or getattr(user, "name", None)}
            role = getattr(user, "role", None)
            if isinstance(role, str) and role:
                who["role"] = role
        return {"at": _now(), "event": event, **who, "kernel": self.kernel_id, "notebook": self._notebook()}

    def _notebook(self) -> str | None:
        """The path (under the server root) of the notebook whose session runs this kernel."""
        manager = self.websocket_handler.settings.get("session_manager")
        if manager is None:
            return None
        try:
            rows = manager.connection.execute(
                "SELECT path, type FROM session WHERE kernel_id=?", (self.kernel_id,)).fetchall()
        except Exception:  # noqa: BLE001 - another session manager, or none: the line says null
            return None
        rows = sorted(rows, key=lambda row: row[1] != "notebook")  # a console on the same kernel comes second
        return str(rows[0][0]) if rows else None

    def _remember(self, key: str, value: dict[str, Any]) -> None:
        self._pending[key] = value
        while len(self._pending) > MAX_PENDING:
            self._pending.popitem(last=False)

    def _write(self, line: dict[str, Any]) -> None:
        """Append one line and hand it to the operating system before the message goes on."""
        data = (json.dumps(line, ensure_ascii=False, default=str) + "\n").encode("utf-8")
        with _write_lock:
            fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                written = 0
                while written < len(data):
                    written += os.write(fd, data[written:])
            finally:
                os.close(fd)


def _button_role(state: dict[str, Any], known: tuple[str, str | None] | None) -> tuple[str, str | None] | None:
    """What a button is for: ``("check", "task1")``, ``("hint", "task1")`` or None, from its classes or label.

    The panel's buttons carry a ``flasklab-check-TASK`` / ``flasklab-hint-TASK``
    class, which outlasts their changing labels ("Checking...", "Another hint");
    a plain button labelled "Check task1" or "Hint" is read from its label.
    """
    for name in state.get("_dom_classes") or []:
        if isinstance(name, str) and (found := _BUTTON_CLASS.fullmatch(name)):
            return found[1], found[2]
    if known is not None:
        return known
    description = state.get("description")
    if isinstance(description, str):
        if found := _CHECK_DESCRIPTION.fullmatch(description):
            return "check", found[1]
        if description == "Hint":
            return "hint", None
    return None

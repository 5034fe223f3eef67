"""A kernel reached the way JupyterLab reaches it: the channels websocket of a Jupyter server, for tests."""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid

import websocket


class KernelChannels:
    """The channels websocket of kernel ``kernel_id`` of the Jupyter server at ``base`` (``http://host:port/prefix``)."""

    def __init__(self, base: str, kernel_id: str, token: str, username: str = "test", timeout: float = 60) -> None:
        self.id, self.username = kernel_id, username
        self.session = uuid.uuid4().hex
        ws_base = "ws" + base.rstrip("/").removeprefix("http")
        self.ws = websocket.create_connection(
            f"{ws_base}/api/kernels/{kernel_id}/channels?session_id={self.session}",
            header=[f"Authorization: token {token}"], timeout=timeout,
        )

    def send_execute(self, code: str) -> str:
        """Send an execute request for ``code`` without waiting; return its message id."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.username,
                       "session": self.session, "date": dt.datetime.now(dt.UTC).isoformat(), "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": False, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        return msg_id

    def execute(self, code: str, timeout: float = 60) -> tuple[str, dict]:
        """Run ``code``; return its printed text and the execute reply's content (an error's traceback is in it)."""
        msg_id = self.send_execute(code)
        text, reply, idle = [], None, False
        deadline = time.monotonic() + timeout
        while (reply is None or not idle) and time.monotonic() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = msg["msg_type"]
            if kind == "stream":
                text.append(msg["content"]["text"])
            elif kind == "execute_reply":
                reply = msg["content"]
            elif kind == "status" and msg["content"]["execution_state"] == "idle":
                idle = True
        assert reply is not None, f"no reply within {timeout} s to {code[:80]!r}; printed: {''.join(text)!r}"
        return "".join(text), reply

    def close(self) -> None:
        self.ws.close()

"""nbgrader's Execute step, with the candidate's kernel sandboxed and kept on a short leash.

``flasklab grade`` puts this in place of ``nbgrader.preprocessors.Execute``.
On top of nbgrader's behaviour (each cell stops at ``timeout``, an error
scores 0, the rest of the notebook runs) it:

- starts every kernel through :class:`flasklab.sandbox.SandboxedKernelManager`;
- after a cell times out and is interrupted, asks the kernel for its info on
  the shell channel. A kernel that does not answer within ``interrupt_grace``
  seconds ignored the interrupt (a loop that swallows ``KeyboardInterrupt``):
  it is killed and a fresh one started, so the cell scores 0 and the notebook
  goes on in minutes, not the ten that nbclient would wait;
- when the kernel dies (``os._exit``, a crash, a memory limit), records it on
  the cell, starts a fresh kernel and goes on, where plain nbgrader would drop
  the whole notebook without a grade;
- keeps at most ``max_output_bytes`` of output per cell in memory, so a cell
  that prints without end cannot exhaust the grader.

A fresh kernel first runs the candidate's earlier cells again (once per
notebook, never the cell that caused it), so tests of other tasks see the
candidate's definitions as before; the cell that hung or crashed scores 0. What happened is written to the notebook's
metadata (``flasklab.events``) for the report.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Float, Integer, validate

from autograder.conventions import is_test_cell

from .sandbox import SandboxedKernelManager

#: Where the report finds what happened while a notebook ran.
EVENTS_KEY = "events"


def remove_links(folder: Path) -> list[str]:
    """Delete every symlink and non-regular file under ``folder``; return their relative paths."""
    removed = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(parent, name)
            if path.is_symlink() or not (path.is_dir() or path.is_file()):
                path.unlink()
                removed.append(str(path.relative_to(folder)))
    return removed


def _error(name: str, message: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


#: Fresh kernels per notebook that get the candidate's earlier cells run again (the default).
MAX_REPLAYS = 5


class SandboxedExecute(Execute):
    """Execute a notebook in a sandboxed kernel that cannot hold up the batch."""

    kc: Any  # nbclient's kernel client; a fresh one comes with each replaced kernel
    # nbgrader's default (True) drops a notebook whose kernel is killed while output is pending.
    raise_on_iopub_timeout = Bool(False, help="Raise when output is still pending after a reply.").tag(config=True)
    interrupt_grace = Float(
        3.0, help="Seconds an interrupted kernel has to answer before it is killed."
    ).tag(config=True)
    max_replays = Integer(
        MAX_REPLAYS, help="Fresh kernels per notebook that get the candidate's earlier cells run again."
    ).tag(config=True)
    max_output_bytes = Integer(200_000, help="Output kept per cell; the rest is dropped with a note.").tag(config=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)
        self._events: list[dict[str, Any]] = []
        self._output_sizes: dict[int, int] = {}
        self._replaced = False

    @validate("kernel_manager_class")
    def _only_sandboxed(self, proposal: Any) -> Any:
        # A candidate's kernel starts in the sandbox whatever a configuration names: nbgrader_config.py's
        # Execute settings apply to this subclass too, and are loaded again whenever the config changes.
        value = proposal["value"]
        sandboxed = isinstance(value, type) and issubclass(value, SandboxedKernelManager)
        return value if sandboxed else SandboxedKernelManager

    # -- events --------------------------------------------------------------

    def _event(self, kind: str, cell: NotebookNode | None, message: str) -> None:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id") if cell is not None else None
        self._events.append({"kind": kind, "grade_id": grade_id, "message": message})
        self.log.warning("%s: %s", kind, message)

    def preprocess(self, nb: NotebookNode, resources: Any, *args: Any, **kwargs: Any) -> Any:
        self._events = []
        self._output_sizes = {}
        self._ran: list[int] = []
        self._replays = 0
        nb, resources = super().preprocess(nb, resources, *args, **kwargs)
        # The kernel has stopped. nbgrader now writes into its working folder as the grader:
        # a link the candidate left there (in place of the notebook, or to our files) must not
        # be followed.
        workdir = (resources.get("metadata") or {}).get("path")
        if workdir:
            removed = remove_links(Path(workdir))
            if removed:
                self._event("links", None, f"removed {len(removed)} link(s) or special file(s) the code left "
                                           f"in its folder: {', '.join(removed[:3])}")
        nb.metadata.setdefault("flasklab", {})[EVENTS_KEY] = self._events
        return nb, resources

    # -- timeouts that the kernel ignores ----------------------------------------

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None) -> Any:
        reply = await super()._async_handle_timeout(timeout, cell)
        if await self._kernel_answers(self.interrupt_grace):
            self._event("timeout", cell, f"the cell ran longer than {timeout} s and was interrupted")
            return reply
        self._event(
            "killed", cell,
            f"the cell ran longer than {timeout} s and ignored the interrupt; its kernel was killed "
            "and the rest of the notebook ran in a fresh one, after the candidate's earlier cells",
        )
        await self._replace_kernel()
        error = _error("KernelKilled", f"this cell ran longer than {timeout} s and ignored the interrupt, "
                                       "so the kernel was killed")
        return {"content": {"status": "error", "ename": error.ename, "evalue": error.evalue,
                            "traceback": error.traceback}}

    async def _kernel_answers(self, seconds: float) -> bool:
        """Whether the kernel's main loop answers a kernel_info request within ``seconds``.

        It reads the shell channel itself and drops the interrupted cell's late
        reply: nbgrader's ``error_on_timeout`` has already given that cell its
        reply, so nothing else waits for it.
        """
        assert self.kc is not None
        return await self._reply_within(self.kc.kernel_info(), seconds)

    async def _reply_within(self, msg_id: str, seconds: float) -> bool:
        """Read the shell channel until the reply to ``msg_id``; whether it came within ``seconds``."""
        assert self.kc is not None
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                msg = await self.kc.shell_channel.get_msg(timeout=left)
            except Exception:  # noqa: BLE001 - queue.Empty: no answer in time
                return False
            if msg["parent_header"].get("msg_id") == msg_id:
                return True
        return False

    async def _replace_kernel(self) -> None:
        """Start a fresh kernel and run the candidate's earlier cells in it again (``max_replays`` per notebook).

        Tests of tasks that do not touch the code that hung or crashed then
        find the candidate's definitions, as they did before: each replacement
        costs the candidate the cell that caused it, not the rest of the
        notebook (a view that crashes the kernel usually kills the visible and
        the hidden cell of its task, so one replay is not enough). The cell that
        caused it is not run again; if a cell run again does not finish in
        time, the kernel is replaced once more and replays stop.
        """
        await self._fresh_kernel()
        if self._replays >= self.max_replays:
            return
        self._replays += 1
        for index in [i for i in self._ran if i != self._current]:
            if not await self._run_quietly(self.nb.cells[index].source):
                self._event("replay", self.nb.cells[index], "running the candidate's earlier cells again in the "
                            "fresh kernel did not finish; the rest of the notebook ran without them")
                self._replays = self.max_replays
                await self._fresh_kernel()
                return

    async def _fresh_kernel(self) -> None:
        assert self.km is not None and self.kc is not None
        self._replaced = True
        self.kc.stop_channels()
        await self.km.restart_kernel(now=True)
        # A new client: the old one's sockets still point at the dead kernel's IPC files.
        self.kc = self.km.client()
        self.kc.start_channels()
        await self.kc.wait_for_ready(timeout=self.startup_timeout)

    async def _run_quietly(self, code: str) -> bool:
        """Run ``code`` in the kernel, its output unrecorded; whether it finished within the cell timeout."""
        assert self.kc is not None
        return await self._reply_within(self.kc.execute(code, store_history=False), self.timeout or 30)

    # -- kernels that die ------------------------------------------------------------

    def preprocess_cell(self, cell: NotebookNode, resources: Any, index: int) -> Any:
        # nbconvert calls the synchronous execute_cell, bound to nbclient's own coroutine,
        # so a dead kernel is caught here rather than in async_execute_cell.
        self._replaced = False
        self._current = index
        try:
            result = super().preprocess_cell(cell, resources, index)
            if cell.cell_type == "code" and not is_test_cell(cell):
                self._ran.append(index)
            return result
        except DeadKernelError:
            if self._replaced:  # we killed it ourselves, after an ignored interrupt
                cell.outputs.append(_error("KernelKilled", "this cell ran past its time limit and ignored "
                                           "the interrupt, so the kernel was killed"))
                return cell, resources
            self._event("died", cell, "the kernel died while this cell ran (the process exited or crashed)")
            cell.outputs.append(_error("KernelDied", "the kernel died while this cell ran "
                                       "(the process exited or crashed)"))
            self._run(self._replace_kernel())
            return cell, resources

    def _run(self, coroutine: Any) -> Any:
        from jupyter_core.utils import run_sync

        async def wrapped() -> Any:
            return await coroutine

        return run_sync(wrapped)()

    # -- output without end ----------------------------------------------------------

    def output(self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None,
               cell_index: int) -> NotebookNode | None:
        size = len(str(msg.get("content", "")))
        seen = self._output_sizes.get(cell_index, 0)
        self._output_sizes[cell_index] = seen + size
        if seen + size <= self.max_output_bytes or not self._droppable(msg, outs):
            # Errors, results and the first text on stderr always stay: nbgrader scores by them.
            return super().output(outs, msg, display_id, cell_index)
        if seen <= self.max_output_bytes:
            outs.append(NotebookNode(output_type="stream", name="stdout",
                                     text=f"\n[flasklab: output beyond {self.max_output_bytes} bytes dropped]\n"))
            self._event("output", self.nb.cells[cell_index],
                        f"the cell printed more than {self.max_output_bytes} bytes")
        return None

    @staticmethod
    def _droppable(msg: dict[str, Any], outs: list[NotebookNode]) -> bool:
        kind = msg.get("msg_type")
        if kind == "stream" and msg["content"].get("name") == "stderr":
            return any(o.get("output_type") == "stream" and o.get("name") == "stderr" for o in outs)
        return kind in {"stream", "display_data", "update_display_data"}

"""flasklab grade's kernels start in the sandbox, without ipykernel's debugger, otherwise as `python -m ipykernel_launcher`."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from loops import run_apart
from traitlets.config import Config

from flasklab.sandbox import SandboxedKernelManager, without_debugger

PROBE = (
    "import json, os, sys\n"
    "import helper_beside_the_notebook\n"
    "print(json.dumps({'debugpy': sys.modules.get('debugpy', 'absent') is None, 'cwd': os.getcwd(),\n"
    "                  'path': sys.path, 'helper': helper_beside_the_notebook.VALUE}))\n"
)


def test_only_ipykernels_own_launcher_is_rewritten():
    command = ["/venv/bin/python", "-m", "ipykernel_launcher", "-f", "k.json", "--InteractiveShell.xmode=Minimal"]
    rewritten = without_debugger(command)
    assert rewritten[:2] == ["/venv/bin/python", "-c"] and rewritten[3:] == command[3:]
    assert "sys.modules['debugpy'] = None" in rewritten[2]
    assert without_debugger(["bash", "-c", "echo -m ipykernel_launcher"]) == ["bash", "-c", "echo -m ipykernel_launcher"]


async def _run(manager: AsyncKernelManager, folder: Path) -> tuple[dict, dict]:
    await manager.start_kernel(cwd=str(folder))
    client = manager.client()
    client.start_channels()
    try:
        await client.wait_for_ready(timeout=60)
        info = await client.kernel_info(reply=True, timeout=30)
        printed: list[str] = []
        reply = await client.execute_interactive(
            PROBE, timeout=30, output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        assert reply["content"]["status"] == "ok", reply["content"]
        return info["content"], json.loads("".join(printed))
    finally:
        client.stop_channels()
        await manager.shutdown_kernel(now=True)


def test_without_the_debugger_a_kernel_otherwise_starts_as_ipykernel_launcher(tmp_path):
    seen = {}
    for debugger in (False, True):
        folder = tmp_path / f"debugger-{debugger}"
        folder.mkdir()
        (folder / "helper_beside_the_notebook.py").write_text("VALUE = 42\n")
        manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=debugger)
        info, seen[debugger] = run_apart(partial(_run, manager, folder))
        assert info["status"] == "ok" and ("debugger" in info["supported_features"]) is debugger
        assert seen[debugger]["debugpy"] is not debugger
        assert (seen[debugger]["cwd"], seen[debugger]["helper"]) == (str(folder), 42)
    # The same sys.path, the working folder as '' where IPython puts it.
    assert seen[False]["path"] == seen[True]["path"]


def test_flasklab_grade_starts_kernels_without_the_debugger(tmp_path):
    from flasklab.worker import nbgrader_config as grading_config

    root = Path(__file__).resolve().parents[1]
    config = grading_config(root / "nbgrader_config.py", tmp_path, unsafe=False, cell_timeout=30)
    assert config.SandboxedKernelManager.debugger is False


def test_no_configuration_takes_flasklab_grades_kernels_out_of_the_sandbox():
    """nbgrader's Execute settings apply to SandboxedExecute: a kernel manager named there must not win."""
    from flasklab.execute import SandboxedExecute

    for section in ("Execute", "SandboxedExecute"):
        config = Config({section: {"kernel_manager_class": "jupyter_client.manager.AsyncKernelManager"}})
        step = SandboxedExecute(config=config)
        assert step.kernel_manager_class is SandboxedKernelManager, section
        step.config = Config({section: {"kernel_manager_class": "jupyter_client.manager.AsyncKernelManager"}})
        assert step.kernel_manager_class is SandboxedKernelManager, f"{section}, config loaded again"

"""Graded notebooks' kernels start without ipykernel's debugger, and otherwise as `python -m ipykernel_launcher`."""

from __future__ import annotations

import json
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from flasklab.sandbox import GradingKernelManager, SandboxedKernelManager, without_debugger

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


def test_a_graded_kernel_has_no_debugger_and_otherwise_starts_as_ipykernel_launcher(tmp_path):
    import asyncio

    seen = {}
    for manager_class in (GradingKernelManager, AsyncKernelManager):
        folder = tmp_path / manager_class.__name__
        folder.mkdir()
        (folder / "helper_beside_the_notebook.py").write_text("VALUE = 42\n")
        info, seen[manager_class] = asyncio.run(_run(manager_class(kernel_name="python3"), folder))
        graded = manager_class is GradingKernelManager
        assert info["status"] == "ok" and ("debugger" in info["supported_features"]) is not graded
        assert seen[manager_class]["debugpy"] is graded
        assert (seen[manager_class]["cwd"], seen[manager_class]["helper"]) == (str(folder), 42)
    # The same sys.path, the working folder as '' where IPython puts it.
    assert seen[GradingKernelManager]["path"] == seen[AsyncKernelManager]["path"]


def test_the_sandboxed_manager_drops_the_debugger_only_when_told():
    manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False)
    assert "-m" in manager.format_kernel_cmd()
    manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=False)
    assert "-m" not in manager.format_kernel_cmd() and "-c" in manager.format_kernel_cmd()


def test_nbgrader_and_flasklab_grade_start_kernels_without_the_debugger(tmp_path):
    from flasklab.course import nbgrader_config
    from flasklab.worker import nbgrader_config as grading_config

    root = Path(__file__).resolve().parents[1]
    config = nbgrader_config(root, root / "nbgrader_config.py")
    assert config.Execute.kernel_manager_class == "flasklab.sandbox.GradingKernelManager"
    sandboxed = grading_config(root / "nbgrader_config.py", tmp_path, unsafe=False, cell_timeout=30)
    assert sandboxed.SandboxedKernelManager.debugger is False

"""flasklab grade's kernels start in the sandbox, without ipykernel's debugger, otherwise as `python -m ipykernel_launcher`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import nbformat
import pytest
from kernel_cells import probe
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


def test_without_the_debugger_a_kernel_otherwise_starts_as_ipykernel_launcher(tmp_path):
    seen = {}
    for debugger in (False, True):
        folder = tmp_path / f"debugger-{debugger}"
        folder.mkdir()
        (folder / "helper_beside_the_notebook.py").write_text("VALUE = 42\n")
        manager = SandboxedKernelManager(kernel_name="python3", sandboxed=False, debugger=debugger)
        info, seen[debugger] = run_apart(partial(probe, manager, folder, PROBE))
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


@pytest.mark.nbgrader
@pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed (make test installs it)")
def test_flasklab_grade_keeps_the_kernel_sandboxed_when_the_config_names_a_kernel_manager(tmp_path):
    """The trap of docs/grading-traps.md ("Speed"), run as an interviewer would meet it.

    A project whose nbgrader_config.py names jupyter_client's own kernel
    manager for Execute: `flasklab grade` must still start the candidate's
    kernel in bubblewrap, where a file written to /tmp lands in the sandbox's
    own scratch space, never on the host.
    """
    import uuid

    import harness

    root = Path(__file__).resolve().parents[1]
    project = tmp_path / "project"
    project.mkdir()
    for folder in ("exercises", "source", "release"):
        (project / folder).symlink_to(root / folder)
    (project / "nbgrader_config.py").write_text(
        (root / "nbgrader_config.py").read_text(encoding="utf-8")
        + '\nc.Execute.kernel_manager_class = "jupyter_client.manager.AsyncKernelManager"\n', encoding="utf-8")
    marker = Path("/tmp") / f"flasklab-config-probe-{uuid.uuid4().hex}.txt"
    notebooks = harness.ours("01_routing")
    (name,) = notebooks
    (cell,) = [c for c in notebooks[name].cells if c.metadata.get("nbgrader", {}).get("grade_id") == "your_app"]
    cell.source = (f"import pathlib\npathlib.Path({str(marker)!r}).write_text('outside the sandbox')\n"
                   "print('probe wrote its marker')\n\n" + cell.source)
    (tmp_path / "in" / "probe").mkdir(parents=True)
    nbformat.write(notebooks[name], str(tmp_path / "in" / "probe" / f"{name}.ipynb"))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "flasklab.cli", "grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
             "--workers", "1", "--timeout", "30"],
            cwd=project, capture_output=True, text=True, timeout=600, check=False)
        assert result.returncode == 0, result.stdout + result.stderr
        graded = tmp_path / "out" / "course" / "autograded" / "probe" / "01_routing" / f"{name}.ipynb"
        printed = "".join(o.get("text", "") for c in nbformat.read(str(graded), as_version=4).cells
                          for o in c.get("outputs", []))
        assert "probe wrote its marker" in printed, "the probe cell did not run"
        assert not marker.exists(), "the candidate's kernel ran outside the sandbox: it wrote to the host's /tmp"
    finally:
        marker.unlink(missing_ok=True)

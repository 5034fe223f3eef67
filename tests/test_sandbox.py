"""The grading sandbox, tried with hostile cells in a real sandboxed kernel.

Each test starts a kernel through ``SandboxedKernelManager`` (bubblewrap, IPC
sockets, resource limits) in a scratch working copy and runs the cell a
candidate might write. ``flasklab grade`` itself, with whole notebooks, is
tested by tests/test_grade.py and tests/test_grade_corpus.py.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import nbformat
import pytest
from loops import run_apart

from flasklab.sandbox import SandboxedKernelManager, SandboxUnavailable, bwrap_path

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap is not installed (make test installs it)"),
    pytest.mark.xdist_group("sandbox"),
]


def run_cells(workdir: Path, *cells: str, timeout: float = 20) -> list[str]:
    """Run ``cells`` one after another in one sandboxed kernel; return each cell's text output."""

    async def main() -> list[str]:
        km = SandboxedKernelManager(kernel_name="python3")
        await km.start_kernel(cwd=str(workdir))
        kc = km.client()
        kc.start_channels()
        try:
            await kc.wait_for_ready(timeout=60)
            texts = []
            for code in cells:
                out: list[str] = []

                def hook(msg: dict, out: list[str] = out) -> None:
                    content = msg["content"]
                    out.append(content.get("text") or content.get("evalue") or "")

                await kc.execute_interactive(code, timeout=timeout, output_hook=hook)
                texts.append("".join(out))
            return texts
        finally:
            kc.stop_channels()
            await km.shutdown_kernel(now=True)

    return run_apart(main)


def test_the_kernel_sees_only_its_own_folder(tmp_path):
    """Are the project, its instructor notebooks and a neighbour's folder invisible from inside?"""
    mine = tmp_path / "autograded" / "alice" / "01_routing"
    mine.mkdir(parents=True)
    (tmp_path / "autograded" / "bob").mkdir()
    (tmp_path / "autograded" / "bob" / "secret.txt").write_text("bob's work")
    (tmp_path / "gradebook.db").write_text("grades")
    code = f"""
import os, glob
print(os.getcwd(), os.path.exists({str(tmp_path)!r}), os.path.exists({str(tmp_path / 'autograded' / 'bob')!r}))
print(os.path.exists({str(ROOT / 'source')!r}), os.path.exists({str(ROOT / 'exercises')!r}),
      os.path.exists({str(tmp_path / 'gradebook.db')!r}))
import sys
python = (os.path.realpath(sys.prefix), os.path.realpath(sys.base_prefix))
found = [os.path.join(d, f) for top in os.listdir('/') if top not in ('proc', 'usr', 'sys', 'dev')
         and not os.path.islink('/' + top)
         for d, _, files in os.walk('/' + top) for f in files
         if f.endswith(('.ipynb', '.db')) and not os.path.realpath(d).startswith(python)]
print(len(found), found[:3])
print(sorted(os.listdir({str(ROOT)!r})))
"""
    (out,) = run_cells(mine, code)
    lines = out.strip().splitlines()
    assert lines[0] == "/home/candidate False False", "the grader's folders are visible, or the copy is not neutral"
    assert lines[1] == "False False False"
    assert lines[2] == "0 []"
    assert "source" not in lines[3] and "exercises" not in lines[3] and "nbgrader_config.py" not in lines[3]


def test_nothing_of_the_graders_environment_reaches_the_sandbox(tmp_path, monkeypatch):
    """The kernel starts with a clean environment; does bubblewrap's own first process (PID 1) keep the grader's?"""
    monkeypatch.setenv("FLASKLAB_GRADER_SECRET", "grader-" + "secret-4711")
    (out,) = run_cells(tmp_path, """
import glob
seen = []
for path in glob.glob('/proc/[0-9]*/environ'):
    with open(path, 'rb') as f:
        seen.append(f.read().decode(errors='replace'))
print(len(seen), 'grader-' + 'secret-4711' in ''.join(seen), all('PATH=' in env for env in seen))
""")
    count, leaked, all_read = out.split()
    assert int(count) >= 2, "the sandbox's first process and the kernel should both be readable"
    assert all_read == "True" and leaked == "False", "the grader's environment is readable from inside"


def test_the_kernel_has_no_network(tmp_path):
    """Can candidate code reach a port on the grader's loopback or the internet? It must not."""
    (out,) = run_cells(tmp_path, """
import socket
for host, port in [("127.0.0.1", 22), ("127.0.0.1", 8888), ("pypi.org", 443)]:
    try:
        socket.create_connection((host, port), timeout=2)
        print("reached", host, port)
    except OSError as exc:
        print("refused", host, type(exc).__name__)
""")
    assert "reached" not in out and out.count("refused") == 3


def test_flask_and_the_checks_import_read_only(tmp_path):
    """Does the environment work inside, and is it read-only?"""
    (out,) = run_cells(tmp_path, """
import flask, autograder, os, sys
from autograder import check_app
try:
    open(os.path.join(os.path.dirname(autograder.__file__), "x.py"), "w")
    print("wrote into the checks")
except OSError:
    print("checks read-only")
try:
    import flasklab
    print("instructor package visible")
except ImportError:
    print("no instructor package")
""")
    assert "checks read-only" in out and "no instructor package" in out


def test_no_process_outlives_the_kernel(tmp_path):
    """Does a detached child, started with its own session, die with the sandbox?"""
    marker = tmp_path / "still-alive"
    run_cells(tmp_path, """
import subprocess, sys
subprocess.Popen([sys.executable, "-c",
    "import time, os\\nwhile True:\\n    open('still-alive', 'w').write(str(time.time()))\\n    time.sleep(0.2)"],
    start_new_session=True)
import time; time.sleep(1)
""")
    assert marker.exists(), "the child never ran"
    time.sleep(1.0)
    last = marker.read_text()
    time.sleep(1.5)
    assert marker.read_text() == last, "a process of the candidate kept running after the kernel stopped"


def test_a_fork_bomb_hits_the_process_cap(tmp_path):
    """Is the number of processes capped (cgroup pids or RLIMIT_NPROC)?"""
    (out,) = run_cells(tmp_path, """
import os, time
children = 0
try:
    for _ in range(1000):
        pid = os.fork()
        if pid == 0:
            time.sleep(5)
            os._exit(0)
        children += 1
except OSError as exc:
    print("stopped at", children, type(exc).__name__)
else:
    print("forked", children)
""", timeout=60)
    assert "stopped at" in out, out
    assert int(out.split("stopped at")[1].split()[0]) < 100


def test_a_file_size_limit_applies(tmp_path):
    """Can candidate code fill the disk? Writes stop at the file size limit."""
    (out,) = run_cells(tmp_path, """
import os
try:
    with open("big.bin", "wb") as f:
        for _ in range(200):
            f.write(b"x" * 2**20)
    print("wrote", os.path.getsize("big.bin"))
except OSError as exc:
    print("stopped", type(exc).__name__)
""")
    assert "stopped" in out and (tmp_path / "big.bin").stat().st_size <= 64 * 2**20


def test_grading_stops_without_bubblewrap(monkeypatch):
    """Without bwrap, does flasklab refuse to grade, naming what to install and the --unsafe way out?"""
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(SandboxUnavailable) as info:
        bwrap_path()
    assert "bubblewrap" in str(info.value) and "apt-get install bubblewrap" in str(info.value)
    assert "--unsafe" in str(info.value)


def _notebook(tmp_path: Path, cells: list[str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path = tmp_path / "nb.ipynb"
    nbformat.write(nb, str(path))
    return path


def test_a_kernel_that_ignores_interrupts_is_killed_and_the_notebook_goes_on(tmp_path):
    """A loop that swallows KeyboardInterrupt: killed after its timeout, later cells still run."""
    from flasklab.execute import SandboxedExecute

    path = _notebook(tmp_path, [
        "x = 1",
        "import time\nwhile True:\n    try:\n        time.sleep(0.1)\n    except BaseException:\n        pass",
        "print('after', 'x' in globals())",
    ])
    nb = nbformat.read(str(path), as_version=4)
    started = time.monotonic()
    ep = SandboxedExecute(timeout=3, interrupt_grace=2)
    nb, _ = ep.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    seconds = time.monotonic() - started
    assert [e["kind"] for e in nb.metadata["flasklab"]["events"]] == ["killed"]
    assert nb.cells[1].outputs[-1]["ename"] == "KernelKilled"
    # A fresh kernel, where the candidate's earlier cell (x = 1) ran again.
    assert "after True" in nb.cells[2].outputs[0]["text"], nb.cells[2].outputs
    assert seconds < 60, f"took {seconds:.0f} s"


def test_a_kernel_that_exits_is_replaced(tmp_path):
    """os._exit in a cell: the cell fails, the notebook goes on in a fresh kernel."""
    from flasklab.execute import SandboxedExecute

    path = _notebook(tmp_path, ["y = 2", "import os\nos._exit(1)", "print('next cell ran', y)"])
    nb = nbformat.read(str(path), as_version=4)
    nb, _ = SandboxedExecute(timeout=10).preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert nb.cells[1].outputs[-1]["ename"] == "KernelDied"
    # The fresh kernel ran the earlier cell again, not the one that exited.
    assert "next cell ran 2" in nb.cells[2].outputs[0]["text"], nb.cells[2].outputs
    assert [e["kind"] for e in nb.metadata["flasklab"]["events"]] == ["died"]


def test_endless_output_is_cut_but_errors_are_kept(tmp_path):
    """Megabytes of output: kept to the cap, and an error after it still counts."""
    from flasklab.execute import SandboxedExecute

    path = _notebook(tmp_path, ["for _ in range(300):\n    print('x' * 10_000)\nraise ValueError('late error')"])
    nb = nbformat.read(str(path), as_version=4)
    nb, _ = SandboxedExecute(timeout=20, max_output_bytes=100_000).preprocess(
        nb, {"metadata": {"path": str(tmp_path)}})
    outputs = nb.cells[0].outputs
    assert sum(len(o.get("text", "")) for o in outputs) < 150_000
    assert outputs[-1]["output_type"] == "error" and outputs[-1]["evalue"] == "late error"
    assert any(e["kind"] == "output" for e in nb.metadata["flasklab"]["events"])


def test_the_kernel_learns_its_notebook_by_its_path_inside_the_sandbox(tmp_path):
    """Check panels need JPY_SESSION_NAME (they render only under a notebook front end); no server path goes in."""
    from flasklab.sandbox import WORKDIR, bwrap_command, session_env

    notebook = tmp_path / "01_routing" / "routing.ipynb"
    notebook.parent.mkdir()
    assert session_env({"JPY_SESSION_NAME": str(notebook), "SECRET": "x"}, notebook.parent) == {
        "JPY_SESSION_NAME": f"{WORKDIR}/routing.ipynb"}
    assert session_env({"JPY_SESSION_NAME": "/elsewhere/a.ipynb"}, notebook.parent) == {"JPY_SESSION_NAME": "a.ipynb"}
    assert session_env({}, notebook.parent) == {} and session_env(None, notebook.parent) == {}
    command = bwrap_command(["python"], notebook.parent, tmp_path, session_env(
        {"JPY_SESSION_NAME": str(notebook)}, notebook.parent))
    split = command.index("--")
    assert command[split + 1:] == ["python"]
    assert ["--setenv", "JPY_SESSION_NAME", f"{WORKDIR}/routing.ipynb"] == command[split - 3:split]
    assert str(tmp_path / "01_routing" / "routing.ipynb") not in command


def test_the_kernel_sees_no_account_of_the_machine_but_its_own(tmp_path):
    """On a hub every candidate is a system user: may a kernel list the others from /etc/passwd?"""
    import grp
    import os
    import pwd

    me = pwd.getpwuid(os.getuid()).pw_name
    others = sorted({e.pw_name for e in pwd.getpwall()} - {me, "root", "nobody"})
    assert others, "this machine has no other account to hide"
    (out,) = run_cells(tmp_path, """
import getpass, grp, os, pwd
print([e.pw_name for e in pwd.getpwall()])
print([g.gr_name for g in grp.getgrall()])
print(getpass.getuser(), pwd.getpwuid(os.getuid()).pw_dir, os.path.expanduser('~'))
print(open('/etc/passwd').read().count(':x:'))
try:
    open('/etc/passwd', 'a').write('x')
    print('written')
except OSError as exc:
    print(type(exc).__name__)
""")
    users, groups, own, count, write = out.strip().splitlines()
    assert sorted(eval(users)) == sorted({"root", "nobody", me}), "the kernel sees other accounts"
    assert sorted(eval(groups)) == sorted({"root", "nogroup", grp.getgrgid(os.getgid()).gr_name})
    assert own == f"{me} /tmp /tmp", "the kernel's own user lost its name or home"
    assert int(count) == len(eval(users))
    assert write != "written", "the kernel can write the sandbox's /etc/passwd"

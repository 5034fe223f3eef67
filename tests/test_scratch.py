"""autograder.scratch: the folders checks write to go when the kernel's Python exits, and only then."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str) -> list[Path]:
    """Run ``code`` in a new Python; return the paths it printed, one per line."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return [Path(line) for line in done.stdout.split()]


def test_scratch_folders_exist_while_the_process_runs_and_go_when_it_exits():
    folders = _run("""
        from autograder.scratch import scratch_folder
        from autograder.sqlchecks import SQLiteFile
        from autograder.deploy import project_folder
        a, b = scratch_folder("one-"), scratch_folder("two-")
        assert a.is_dir() and b.is_dir() and a != b and a.name.startswith("one-")
        (a / "file.txt").write_text("kept until exit")
        db = SQLiteFile()
        project = project_folder({"app.py": "x = 1"})
        for path in (a, b, db.folder, project):
            print(path)
    """)
    assert len(folders) == 4
    assert not [f for f in folders if f.exists()], "scratch folders outlived the process"
    # They shared one per-process root, which went too.
    assert len({f.parent for f in folders}) == 1
    assert not folders[0].parent.exists()


def test_a_forked_child_that_exits_leaves_its_parents_folders_alone():
    (folder,) = _run("""
        import os, sys
        from autograder.scratch import scratch_folder
        folder = scratch_folder()
        pid = os.fork()
        if pid == 0:
            sys.exit(0)  # runs atexit handlers in the child
        os.waitpid(pid, 0)
        assert folder.is_dir(), "the child's exit removed the parent's folder"
        print(folder)
    """)
    assert not folder.exists()


def test_a_dockerfile_is_parsed_without_leaving_a_folder(tmp_path, monkeypatch):
    import tempfile

    from autograder.deploy import parse_dockerfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    parsed = parse_dockerfile("FROM python:3.12-slim AS build\nRUN pip install flask\n")
    assert [s.name for s in parsed.stages] == ["build"]
    assert list(tmp_path.iterdir()) == []

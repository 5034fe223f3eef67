"""The suite never writes into the checkout: the guard (harness.checkout_state, run by conftest.py) sees every write."""

from __future__ import annotations

import subprocess

from harness import checkout_state


def test_the_guard_sees_modified_untracked_and_ignored_files(tmp_path):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / ".gitignore").write_text("/cache/\n")
    (tmp_path / "tracked.txt").write_text("as committed\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "start")
    before = checkout_state(tmp_path)
    assert before == set()

    (tmp_path / "tracked.txt").write_text("rewritten by a build\n")
    (tmp_path / "release").mkdir()
    (tmp_path / "release" / "new.ipynb").write_text("{}")
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "course.db").write_text("")
    after = checkout_state(tmp_path)
    assert after - before == {" M tracked.txt", "?? release/", "!! cache/"}


def test_outside_a_git_checkout_the_guard_stands_aside(tmp_path):
    assert checkout_state(tmp_path) is None

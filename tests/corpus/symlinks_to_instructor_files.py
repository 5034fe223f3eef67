"""Leaves symlinks in its working copy to the instructor's folders outside the sandbox; no solution.

Inside the sandbox the links dangle (the targets are not there). If the
grader copies the working copy afterwards following symlinks, it copies the
instructor notebooks (and any file the grader may read) into the candidate's
graded folder; a link to /dev/zero or / would fill the disk.
test_symlinks_in_the_working_copy_copy_nothing_from_outside checks that no
instructor file is copied. No create_app: zero.

exercise: 01_routing
expect: zero
"""
# %% your_app
import os
import sys
from pathlib import Path

_here = Path.cwd().resolve()
_links = {
    "project-source": Path(sys.executable).parents[2] / "source",
    "worker-source": _here.parents[min(2, len(_here.parents) - 1)] / "source",
    "course-source": _here.parents[min(4, len(_here.parents) - 1)] / "source",
}
for _name, _target in _links.items():
    os.symlink(_target, _name)
    print(f"linked {_name} -> {_target} (exists in here: {_target.exists()})")

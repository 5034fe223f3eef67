"""Tries to write into other candidates' folders, the course, /tmp, ~ and the project, then defines the correct app.

Every path is a guess from what the kernel can see (its working copy's path,
sys.executable). Inside the sandbox the writes either fail or land in the
sandbox's own scratch space, which is gone after grading:
test_writes_outside_the_working_copy_land_nowhere checks that no marker
appeared on the host. The Flask code is ours: full marks.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
import os
import sys
from pathlib import Path

_here = Path.cwd().resolve()
_project = Path(sys.executable).parents[2]


def _up(levels):
    """The folder ``levels`` above the working copy, or / when there are fewer."""
    return _here.parents[levels] if levels < len(_here.parents) else Path("/")


_targets = [
    _here.parent / "corpus-intruder-neighbour" / "01_routing" / "routing.ipynb",
    _up(1) / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(2) / "submitted" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    # OUT/course/.work/worker-N/autograded/<candidate>/<exercise>: four up would be OUT/course.
    _up(4) / "submitted" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(4) / "autograded" / "ours" / "01_routing" / "corpus-intruder.ipynb",
    _up(4) / "source" / "01_routing" / "corpus-intruder.ipynb",
    Path(os.path.expanduser("~")) / "corpus-intruder-home.txt",
    Path("/tmp") / "corpus-intruder-tmp.txt",
    _project / "reports" / "corpus-intruder-reports.txt",
    _project / "corpus-intruder-project.txt",
    _project / "source" / "01_routing" / "corpus-intruder.ipynb",
] + [folder / "corpus-intruder-above.txt" for folder in _here.parents]
_landed = []
for _target in _targets:
    try:
        _target.parent.mkdir(parents=True, exist_ok=True)
        _target.write_text("written by another candidate")
        _landed.append(str(_target))
    except OSError:
        pass
print(f"attempted {len(_targets)} writes; {len(_landed)} succeeded inside the sandbox")

"""Replaces its own notebook file in the working copy with a symlink to a path outside, then defines the correct app.

While the kernel runs, the notebook being graded sits in the kernel's working
copy. If whatever writes the graded notebook afterwards (outside the sandbox)
follows a symlink put in its place, the candidate can make the grader write
anywhere the grader may write: here, a new file next to the reports (guessed
from the working copy's path). The Flask code is ours: full marks;
test_a_symlinked_notebook_writes_nothing_outside checks that no file appeared
outside.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
import os
from pathlib import Path

_here = Path.cwd().resolve()
for _notebook in _here.glob("*.ipynb"):
    _notebook.unlink()
    # OUT/course/.work/worker-N/autograded/<candidate>/<exercise>: parents[4] is OUT/course.
    _outside = _here.parents[min(4, len(_here.parents) - 1)] / f"corpus-swapped-{_notebook.name}"
    os.symlink(_outside, _notebook)
    print(f"swapped {_notebook.name} for a symlink")

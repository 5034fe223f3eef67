"""The tampering tripwire: what it flags, and that honest Flask code is never flagged."""

from __future__ import annotations

import pytest

import harness
from flasklab.integrity import scan_source


@pytest.mark.parametrize(
    ("code", "what"),
    [
        ("get_ipython().showtraceback = print", "get_ipython (IPython's shell)"),
        ("from IPython import get_ipython", "import IPython"),
        ("import autograder.probe\nautograder.probe.Reply.expect = lambda *a, **k: None",
         "changes autograder.probe.Reply.expect (the grader's checks)"),
        ("from autograder.probe import Reply as R\nsetattr(R, 'expect', len)", "changes R (the grader's checks)"),
        ("from autograder import check_app\ncheck_app.__defaults__ = (None,)",
         "changes check_app.__defaults__ (the grader's checks)"),
        ("import nbgrader", "import nbgrader"),
        ("import gc\nobjs = gc.get_objects()", "import gc"),
        ("import sys\nsys.modules['x'] = None", ".modules (sys.modules)"),
        ("shell.run_cell_async = fake", ".run_cell_async (IPython's shell)"),
        ("f = sys._getframe(1).f_back", ".f_back (frame walking)"),
        ("exec(code)", "exec (running code built from strings)"),
        ("getattr(__builtins__, 'x')", "__builtins__ (the builtins module)"),
        ("name = 'get_ipython'", "the string 'get_ipython'"),
        ("%timeit x = 1\n__import__('os')", "__import__ (imports by computed name)"),
        ("%%time\nget_ipython()", "get_ipython (IPython's shell)"),
        ("import importlib\nm = importlib.import_module('auto' + 'grader.probe')", ".import_module (imports by computed name)"),
        ("from importlib import import_module", "import_module (imports by computed name)"),
    ],
)
def test_reaching_into_the_kernel_or_grader_is_flagged(code, what):
    assert what in [f.what for f in scan_source(code)]


def test_a_finding_names_the_cell_and_line():
    (finding,) = scan_source("x = 1\nimport nbgrader", cell=4)
    assert str(finding) == "code cell 4, line 2: import nbgrader"


@pytest.mark.parametrize(
    "code",
    [
        "import sys, logging, warnings, re, types, inspect, importlib\nprint('x', file=sys.stderr)",
        '"""Works in IPython and Jupyter; see the builtins docs."""',
        "pattern = re.compile(r'\\d+')",
        "%%bash\necho get_ipython",  # not Python
        "from autograder import check_app\napp = check_app(create_app)\napp.get('/').expect(200)",
        "from IPython.display import display, JSON",
        "def f(:\n",  # a syntax error cannot run either
        "class Config:\n    pass\nnames = [c.__name__ for c in Config.__subclasses__()]",
    ],
)
def test_ordinary_code_is_not_flagged(code):
    assert scan_source(code) == []


@pytest.mark.parametrize("exercise", harness.exercises())
def test_no_solution_or_honest_submission_is_flagged(exercise):
    """The tripwire must never cost an honest candidate: ours and every non-tampering kept submission."""
    from flasklab.integrity import scan_notebook

    entries = [("ours", harness.ours(exercise))]
    entries += [(s.name, harness.apply(s)) for s in harness.submissions(exercise) if not s.name.startswith("tampered")]
    for name, notebooks in entries:
        for nb in notebooks.values():
            assert scan_notebook(nb) == [], f"{exercise}/{name} is flagged"

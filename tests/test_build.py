"""`flasklab build` and `flasklab list`: reproducible output, precise errors."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from flasklab.cli import main

ROOT = Path(__file__).resolve().parents[1]

GOOD_META = textwrap.dedent(
    """\
    title = "Tiny"
    topics = ["routing"]
    level = "junior"
    minutes = 5
    goals = ["Answer /ping."]
    """
)

GOOD_SCRIPT = textwrap.dedent(
    """\
    # %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
    # # Tiny

    # %% nbgrader={"grade_id": "answer", "solution": true}
    ### BEGIN SOLUTION
    def create_app(test_config=None):
        from flask import Flask
        app = Flask(__name__)
        app.get("/ping")(lambda: "pong")
        return app
    ### END SOLUTION

    # %% nbgrader={"grade": true, "grade_id": "ping", "points": 2}
    from autograder import check_app
    check_app(create_app).get("/ping").expect(200)
    """
)

GOOD_GUIDE = textwrap.dedent(
    """\
    # Interviewer guide: Tiny

    ## ping: answer /ping

    ### Strong
    A route that returns "pong".

    ### Adequate
    The route, after a hint.

    ### Weak
    No route.

    ### Follow-up questions

    #### Why GET?

    **Good answer:** the request only reads.

    ### Common mistakes

    #### Answers 404

    **Caught by:** `ping`.

    **Seniority:** has not written a route yet.
    """
)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A scratch project with one valid exercise; the cwd is its root."""
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    ex = tmp_path / "exercises" / "01_tiny"
    ex.mkdir(parents=True)
    (ex / "exercise.toml").write_text(GOOD_META)
    (ex / "tiny.py").write_text(GOOD_SCRIPT)
    (ex / "guide.md").write_text(GOOD_GUIDE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_committed_source_and_release_are_fresh():
    """Is every committed notebook what `flasklab build` makes from exercises/ today?

    Run as a user runs it, in a process of its own: in a long-lived test worker,
    CPython 3.11 once refused the build's AST work ("AST constructor recursion
    depth mismatch") after a browser test's playwright had run on that worker.
    """
    import subprocess
    import sys

    flasklab = Path(sys.executable).with_name("flasklab")
    result = subprocess.run([str(flasklab), "build", "--check"], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_twice_is_byte_identical(project):
    assert run("build").exit_code == 0
    first = {p: p.read_bytes() for p in project.rglob("*.ipynb")}
    assert run("build").exit_code == 0
    assert {p: p.read_bytes() for p in project.rglob("*.ipynb")} == first
    assert len(first) == 2


def test_build_keeps_only_nbgrader_metadata_and_stable_ids(project):
    (project / "exercises/01_tiny/tiny.py").write_text(
        GOOD_SCRIPT.replace('# %% [markdown] nbgrader=', '# %% [markdown] tags=["x"] nbgrader=')
    )
    assert run("build").exit_code == 0
    nb = nbformat.read(str(project / "source/01_tiny/tiny.ipynb"), as_version=4)
    assert nb.metadata == {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}}
    # The build's own cells: set-up after the introduction, a Check panel after each task.
    assert [c.id for c in nb.cells] == ["intro", "flasklab_setup", "answer", "ping", "check_ping"]
    # The script's own tags are dropped; the build tags the cells that may raise (the next test says why).
    assert [c.metadata for c in nb.cells if set(c.metadata) != {"nbgrader"}] == [
        {"nbgrader": nb.cells[2].metadata.nbgrader, "tags": ["raises-exception"]},
        {"nbgrader": nb.cells[3].metadata.nbgrader, "tags": ["raises-exception"]},
    ]
    assert nb.cells[3].metadata.nbgrader.locked is True  # test cells are always locked
    assert nb.cells[4].source == "lab.panel('ping')"


def test_run_all_goes_past_the_stub_to_every_check_panel(project):
    """Are the answer and test cells of the release tagged so that Run All does not stop at their errors?

    JupyterLab and Notebook 7 send ``stop_on_error: false`` for a cell tagged
    ``raises-exception``; without it the kernel drops every cell queued after
    the stub's NotImplementedError, and no Check panel below it shows.
    """
    assert run("build").exit_code == 0
    nb = nbformat.read(str(project / "release/01_tiny/tiny.ipynb"), as_version=4)
    tagged = {c.id: c.metadata.get("tags") for c in nb.cells}
    assert tagged == {"intro": None, "flasklab_setup": None, "answer": ["raises-exception"],
                      "ping": ["raises-exception"], "check_ping": None}
    assert "raise NotImplementedError()" in nb.cells[2].source


def test_every_answer_and_test_cell_of_the_release_may_raise():
    """The same for every committed release notebook: the cells that raise for a new candidate, and only those."""
    from autograder.conventions import is_test_cell

    for path in sorted((ROOT / "release").glob("*/*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            may_raise = cell.cell_type == "code" and (cell.metadata.nbgrader.get("solution") or is_test_cell(cell))
            assert cell.metadata.get("tags") == (["raises-exception"] if may_raise else None), f"{path}: {cell.id}"


def test_release_has_stubs_and_no_solution(project):
    assert run("build").exit_code == 0
    text = (project / "release/01_tiny/tiny.ipynb").read_text()
    assert "raise NotImplementedError()" in text and "pong" not in text


def test_several_exercises_are_generated_in_one_run_and_a_failure_names_its_exercise(project):
    """nbgrader generates every exercise in one process (flasklab/generate.py); the first that fails is named."""
    from flasklab.build import ExerciseError, generate_release

    other = project / "exercises/02_other"
    other.mkdir()
    (other / "exercise.toml").write_text(GOOD_META)
    (other / "other.py").write_text(GOOD_SCRIPT)
    (other / "guide.md").write_text(GOOD_GUIDE)
    assert run("build").exit_code == 0
    assert sorted(p.relative_to(project).as_posix() for p in (project / "release").rglob("*.ipynb")) == [
        "release/01_tiny/tiny.ipynb", "release/02_other/other.ipynb"]
    (project / "source/03_empty").mkdir()  # no notebook: nbgrader refuses it
    with pytest.raises(ExerciseError, match=r"generate_assignment failed for 03_empty[\s\S]*No notebooks were matched"):
        generate_release(["01_tiny", "03_empty"], project / "source", project / "scratch-release",
                         project / "nbgrader_config.py")


def test_removed_exercise_leaves_no_stale_folder(project):
    assert run("build").exit_code == 0
    shutil.rmtree(project / "exercises/01_tiny")
    (project / "exercises/02_other").mkdir()
    (project / "exercises/02_other/exercise.toml").write_text(GOOD_META)
    (project / "exercises/02_other/other.py").write_text(GOOD_SCRIPT)
    (project / "exercises/02_other/guide.md").write_text(GOOD_GUIDE)
    assert run("build").exit_code == 0
    assert sorted(p.name for p in (project / "release").iterdir()) == ["02_other"]


def test_check_reports_stale_notebooks(project):
    assert run("build").exit_code == 0
    script = project / "exercises/01_tiny/tiny.py"
    script.write_text(script.read_text().replace("# # Tiny", "# # Tiny, edited"))
    result = run("build", "--check")
    assert result.exit_code == 1
    assert "differs: source/01_tiny/tiny.ipynb" in result.output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"grade_id": "ping", "points": 2', '"grade_id": "answer", "points": 2',
         "tiny.py:13: cell 3 (answer): duplicate grade_id 'answer', first used at"),
        ('"grade_id": "ping", "points": 2', '"grade_id": "ping"',
         'tiny.py:13: cell 3 (ping): graded cell needs "points": a positive number (got None)'),
        ('"grade_id": "ping", "points": 2', '"grade_id": "ping", "points": 2, "pionts": 1',
         "cell 3 (ping): unknown nbgrader key(s) pionts"),
        ('{"grade_id": "answer", "solution": true}', '{"solution": true}',
         'tiny.py:4: cell 2: nbgrader cell has no grade_id'),
        ('check_app(create_app).get("/ping").expect(200)', 'check_app(create_app).get("/ping").status_code == 200',
         "cell 3 (ping): the test cell ends with a bare expression"),
        ('check_app(create_app).get("/ping").expect(200)', 'reply = check_app(create_app).get("/ping")\nreply.expect(200)',
         "cell 3 (ping): the visible test code binds reply; name them _reply"),
        ('# # Tiny', '# # Tiny\n# BEGIN HIDDEN TESTS\n# END HIDDEN TESTS',
         "cell 1 (intro): hidden tests may only sit in a locked test cell"),
        ('# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}', '# %% [markdown]\n# BEGIN SOLUTION',
         "cell 1: 'BEGIN SOLUTION' in a cell without nbgrader metadata"),
        ('### END SOLUTION', '',
         "cell 2 (answer): BEGIN SOLUTION and END SOLUTION do not pair up"),
        ('# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}',
         '# %% [markdown] nbgrader={"grade_id": "intro", "grade": true, "points": 1}',
         "cell 1 (intro): nbgrader rejects this cell: Markdown grade cell 'intro' is not marked as a solution cell"),
    ],
)
def test_malformed_exercise_names_file_cell_and_problem(project, old, new, message):
    """Is a broken exercise rejected with its file, cell and what is wrong, and exit 1?"""
    script = project / "exercises/01_tiny/tiny.py"
    assert old in GOOD_SCRIPT
    script.write_text(GOOD_SCRIPT.replace(old, new))
    result = run("build")
    assert result.exit_code == 1
    assert message in result.output
    assert not (project / "release").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('level = "junior"', 'level = "expert"', "level 'expert' should be one of junior, mid, senior"),
        ('minutes = 5', '', "key 'minutes' is missing"),
        ('minutes = 5', 'minutes = "5"', "key 'minutes' should be the time budget in whole minutes, not '5'"),
        ('title = "Tiny"', 'title = "Tiny"\ncolour = "red"', "unknown key(s) colour"),
        ('title = "Tiny"', 'title = Tiny', "not valid TOML"),
    ],
)
def test_malformed_metadata_names_the_key(project, old, new, message):
    meta = project / "exercises/01_tiny/exercise.toml"
    meta.write_text(GOOD_META.replace(old, new))
    result = run("build")
    assert result.exit_code == 1
    assert "exercise.toml" in result.output and message in result.output


def test_a_missing_guide_stops_the_build(project):
    """Is an exercise without an interviewer guide refused, naming the file and what it needs?"""
    (project / "exercises/01_tiny/guide.md").unlink()
    result = run("build")
    assert result.exit_code == 1
    assert "exercises/01_tiny/guide.md: missing. Every exercise needs an interviewer guide" in result.output
    assert "(ping)" in result.output
    assert not (project / "source").exists()


_WEAK = "### Weak\nNo route.\n\n"
_FOLLOW_UP = "**Good answer:** the request only reads."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (GOOD_GUIDE[GOOD_GUIDE.index("## ping"):], "Notes only.\n",
         "guide.md: no section for ping; add '## ping: <title>'"),
        ("## ping: answer /ping", "", "guide.md:5: '### Strong' comes before the first '## taskN: title' section"),
        ("## ping: answer /ping", "## pong: answer /pong", "guide.md:3: '## pong: answer /pong': the exercise has no "
         "pong; its tasks are ping."),
        ("## ping: answer /ping", "## Answer /ping", "guide.md:3: '## Answer /ping' should be '## taskN: <title>'"),
        (_WEAK, "", "guide.md:3: ping has no '### Weak' part; every task needs Strong, Adequate, Weak, "
         "Follow-up questions, Common mistakes."),
        ("### Common mistakes\n\n#### Answers 404\n\n**Caught by:** `ping`.\n\n**Seniority:** has not written a "
         "route yet.\n", "", "ping has no '### Common mistakes' part"),
        ("A route that returns \"pong\".", "", "guide.md:5: '### Strong' of ping is empty"),
        ("### Adequate", "### Fine", "guide.md:8: '### Fine' in ping: the parts of a task are Strong, Adequate, Weak"),
        (_FOLLOW_UP, "It only reads.", "guide.md:16: the question 'Why GET?' of ping needs a paragraph that starts "
         "with '**Good answer:**'"),
        ("**Caught by:** `ping`.", "Nothing catches it.", "guide.md:22: the mistake 'Answers 404' of ping needs a "
         "paragraph that starts with '**Caught by:**'"),
        ("**Caught by:** `ping`.", "**Caught by:** `ping_hidden`.", "guide.md:22: the mistake 'Answers 404' of ping "
         "is caught by ping_hidden, which the exercise does not have; its graded cells are ping."),
        ("**Caught by:** `ping`.", "**Caught by:** a test.", "names no graded cell (such as task1_hidden) and no "
         "rubric point"),
        ("**Seniority:** has not written a route yet.", "", "the mistake 'Answers 404' of ping needs a paragraph "
         "that starts with '**Seniority:**'"),
        ("### Follow-up questions\n", "### Follow-up questions\nAsk these.\n", "guide.md:15: text directly under "
         "'### Follow-up questions' of ping; give each question its own '####' heading."),
        ("#### Why GET?\n\n" + _FOLLOW_UP, "", "'### Follow-up questions' of ping has no '####' item."),
        ("### Strong", "#### Strong", "'#### Strong' in ping: only the parts '### Follow-up questions' and "
         "'### Common mistakes' hold '####' items"),
        ("# Interviewer guide: Tiny\n", "## Notes\n", "guide.md:1: '## Notes' should be '## taskN: <title>'"),
    ],
)
def test_a_guide_that_breaks_its_structure_names_file_line_and_fix(project, old, new, message):
    """Is a guide without a task's section, or a section without one of its parts, a build error that says where?"""
    guide = project / "exercises/01_tiny/guide.md"
    assert old in GOOD_GUIDE
    guide.write_text(GOOD_GUIDE.replace(old, new))
    result = run("build")
    assert result.exit_code == 1, result.output
    assert "exercises/01_tiny/guide.md" in result.output
    assert message in result.output
    assert not (project / "source").exists()


def test_no_guide_text_reaches_source_or_release(project):
    """The guide is checked, never copied: none of its lines is in what the build writes."""
    assert run("build").exit_code == 0
    built = "\n".join(p.read_text() for p in project.rglob("*") if p.is_file() and "exercises" not in p.parts)
    for line in GOOD_GUIDE.splitlines():
        if len(line.strip()) >= 12:
            assert line.strip() not in built


def test_unknown_exercise_id_is_refused(project):
    result = run("build", "99_nothing")
    assert result.exit_code == 1 and "no exercise '99_nothing'" in result.output


def test_outside_a_project_says_where_to_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("list")
    assert result.exit_code == 1 and "run flasklab from the project folder" in result.output


def test_list_json_is_the_catalogue(project):
    result = run("list", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [
        {
            "id": "01_tiny",
            "title": "Tiny",
            "topics": ["routing"],
            "level": "junior",
            "minutes": 5,
            "goals": ["Answer /ping."],
            "notebooks": ["tiny"],
            "points": {"auto": 2.0, "manual": 0.0, "total": 2.0},
        }
    ]


def test_list_of_the_real_catalogue_has_01_routing():
    result = CliRunner().invoke(main, ["list", "--json"], catch_exceptions=False)
    entry = next(e for e in json.loads(result.output) if e["id"] == "01_routing")
    assert entry["level"] == "junior" and entry["minutes"] > 0 and "routing" in entry["topics"]
    assert entry["points"]["auto"] > 0 and entry["points"]["manual"] > 0


def test_hidden_tests_cannot_overwrite_the_candidates_names(project):
    """A hidden test that assigns a name the candidate also uses must leave the candidate's alone."""
    script = project / "exercises/01_tiny/tiny.py"
    script.write_text(GOOD_SCRIPT + textwrap.dedent(
        """\

        # %% nbgrader={"grade": true, "grade_id": "ping_hidden", "points": 1}
        # More tests of task ping run here when your notebook is graded.
        from autograder import check_app
        ### BEGIN HIDDEN TESTS
        create_app, pong = None, "hidden"
        assert pong == "hidden"
        ### END HIDDEN TESTS
        """
    ))
    assert run("build").exit_code == 0
    nb = nbformat.read(str(project / "source/01_tiny/tiny.ipynb"), as_version=4)
    namespace = {"__name__": "__main__"}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.id != "flasklab_setup" and not cell.id.startswith("check_"):
            exec(cell.source.replace("### BEGIN SOLUTION", "").replace("### END SOLUTION", ""), namespace)
    assert callable(namespace["create_app"]) and "pong" not in namespace


# --- The build's steps, and the traps they close -------------------------------------------

def test_the_docstring_lists_every_step_in_order():
    """Does the module docstring name each step, its kind and its place, as STEPS runs them?"""
    import re

    from flasklab import build

    listed = re.findall(r"^\s*\d+\.\s+(\w+)\s+\((check|transform)\)", build.__doc__, re.M)
    assert listed == [(step.name, step.kind) for step in build.STEPS]


HIDDEN_CELL = """\

# %% nbgrader={{"grade": true, "grade_id": "ping_hidden", "points": 1}}
# More tests of task ping run here when your notebook is graded.
from autograder import check_app
{body}
"""


def _with_hidden(project, body: str) -> Path:
    script = project / "exercises/01_tiny/tiny.py"
    script.write_text(GOOD_SCRIPT + HIDDEN_CELL.format(body=textwrap.dedent(body)))
    return script


def _hidden_source(project) -> str:
    nb = nbformat.read(str(project / "source/01_tiny/tiny.ipynb"), as_version=4)
    return next(c.source for c in nb.cells if c.id == "ping_hidden")


def test_wrapping_keeps_multiline_strings_exactly(project):
    """Trap: indenting a hidden region into a function must not change the text of its strings."""
    _with_hidden(project, '''\
        ### BEGIN HIDDEN TESTS
        _expected = """line one
          line two
        line three"""
        _joined = ("a "
            f"{1 + 1}")
        assert _expected.splitlines() == ["line one", "  line two", "line three"], _expected
        assert _joined == "a 2"
        ### END HIDDEN TESTS
        ''')
    result = run("build")
    assert result.exit_code == 0, result.output
    source = _hidden_source(project)
    assert '\n  line two\nline three"""' in source  # not moved in with the code
    assert '\n        f"{1 + 1}")' in source  # code continuation lines move in
    exec(compile(source, "cell", "exec"), {})  # the asserts of the region hold


def test_an_indented_marker_wraps_at_its_own_indentation(project):
    _with_hidden(project, '''\
        if True:
            _seen = 1
            ### BEGIN HIDDEN TESTS
            _value = 2
            assert _value == 2
            ### END HIDDEN TESTS
        ''')
    result = run("build")
    assert result.exit_code == 0, result.output
    source = _hidden_source(project)
    assert "\n    def _hidden_tests():\n" in source and "\n    _hidden_tests()\n" in source
    exec(compile(source, "cell", "exec"), {})


def test_a_region_indented_less_than_its_marker_is_a_clear_error(project):
    _with_hidden(project, '''\
        if True:
            _seen = 1
            ### BEGIN HIDDEN TESTS
            _value = 2
        assert _value == 2
            ### END HIDDEN TESTS
        ''')
    result = run("build")
    assert result.exit_code == 1
    assert "cannot run the hidden tests in a function" in result.output
    assert "indented less than the BEGIN HIDDEN TESTS marker" in result.output


def test_a_name_read_then_reassigned_in_hidden_tests_is_rejected(project):
    """Trap: `app = wrap(app)` inside the wrapper makes `app` local, so the read raises UnboundLocalError."""
    _with_hidden(project, '''\
        app = check_app(create_app)
        ### BEGIN HIDDEN TESTS
        app.get("/ping").expect(200)
        app = check_app(create_app, {"TESTING": True})
        ### END HIDDEN TESTS
        ''')
    result = run("build")
    assert result.exit_code == 1
    assert "the hidden tests read `app` before they assign it" in result.output
    assert "UnboundLocalError" in result.output and "ping_hidden" in result.output


@pytest.mark.parametrize("body", [
    "_count = 0\nfor _i in range(3):\n    _count += _i\nassert _count == 3",
    "create_app = None\nassert create_app is None",
    "try:\n    raise KeyError('x')\nexcept KeyError as _exc:\n    assert _exc.args == ('x',)",
    "_names = [n for n in ['a'] if n]\nassert _names == ['a']",
])
def test_names_assigned_before_they_are_read_are_fine(project, body):
    _with_hidden(project, "### BEGIN HIDDEN TESTS\n" + body + "\n### END HIDDEN TESTS\n")
    result = run("build")
    assert result.exit_code == 0, result.output


def test_visible_code_after_hidden_tests_cannot_use_their_names(project):
    _with_hidden(project, '''\
        ### BEGIN HIDDEN TESTS
        _reply = check_app(create_app).get("/ping")
        ### END HIDDEN TESTS
        assert _reply.status_code == 200
        ''')
    result = run("build")
    assert result.exit_code == 1
    assert "reads `_reply`, which only the hidden tests assign" in result.output


@pytest.mark.parametrize(("last", "allowed"), [
    ("isinstance(check_app(create_app), dict)", False),   # False would score full marks
    ("check_app(create_app).get('/ping').status_code", False),  # a number: a partial score
    ("len([1, 2])", False),
    ("print('done')", False),
    ("check_app(create_app).get('/ping').expect(200)", True),  # a check: raises or shows "checked: ..."
    ("_reply = check_app(create_app).get('/ping')", True),
])
def test_a_test_cell_ends_on_a_check_or_a_statement(project, last, allowed):
    """Trap: nbgrader scores a test cell's final value, so only a check may end one."""
    script = project / "exercises/01_tiny/tiny.py"
    script.write_text(GOOD_SCRIPT.replace('check_app(create_app).get("/ping").expect(200)', last))
    result = run("build")
    assert (result.exit_code == 0) == allowed, result.output
    if not allowed:
        assert "the test cell ends with a bare expression" in result.output or "checks nothing" in result.output


@pytest.mark.parametrize("statement", ["isinstance(_x, dict)", "_x == {}", "not _x", "_x"])
def test_a_statement_that_checks_nothing_is_rejected_even_mid_cell(project, statement):
    _with_hidden(project, f"### BEGIN HIDDEN TESTS\n_x = {{}}\n{statement}\nassert True\n### END HIDDEN TESTS\n")
    result = run("build")
    assert result.exit_code == 1
    assert "checks nothing" in result.output and "assert" in result.output


def test_a_hidden_cell_must_say_more_tests_run_there(project):
    """Trap: without the note, the candidate sees only the imports of a hidden cell."""
    script = _with_hidden(project, "### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS\n")
    script.write_text(script.read_text().replace("# More tests of task ping run here when your notebook is graded.\n", ""))
    result = run("build")
    assert result.exit_code == 1
    assert "must start with the line\n    # More tests of task ping run here when your notebook is graded." in result.output


@pytest.mark.parametrize(("body", "message"), [
    ("### BEGIN HIDDEN TESTS\nassert True\n", "BEGIN HIDDEN TESTS is never closed"),
    ("### END HIDDEN TESTS\nassert True\n### BEGIN HIDDEN TESTS\n", "END HIDDEN TESTS without BEGIN HIDDEN TESTS"),
    ("### BEGIN HIDDEN TESTS\n### BEGIN HIDDEN TESTS\nassert True\n### END HIDDEN TESTS\n### END HIDDEN TESTS\n",
     "BEGIN HIDDEN TESTS inside the region opened on line"),
])
def test_markers_out_of_order_name_the_line(project, body, message):
    _with_hidden(project, body)
    result = run("build")
    assert result.exit_code == 1 and message in result.output, result.output


def test_a_cell_that_does_not_parse_without_its_hidden_tests_is_a_clear_error(project):
    """An indented region that is its block's only content leaves candidates a cell that cannot run."""
    _with_hidden(project, "if True:\n    ### BEGIN HIDDEN TESTS\n    assert True\n    ### END HIDDEN TESTS\n")
    result = run("build")
    assert result.exit_code == 1
    assert "with the hidden tests removed, as candidates get it, the cell does not parse" in result.output


def test_hidden_tests_that_only_compile_at_top_level_are_a_clear_error(project):
    _with_hidden(project, "### BEGIN HIDDEN TESTS\nimport asyncio\n_x = await asyncio.sleep(0)\nassert _x is None\n### END HIDDEN TESTS\n")
    result = run("build")
    assert result.exit_code == 1
    assert "do not compile inside a function" in result.output

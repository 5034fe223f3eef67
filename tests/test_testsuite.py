"""Grading a candidate's own pytest suite (exercise 06): what each check promises a test cell.

The candidate's fixtures and tests are run as notebook cells into a namespace
(their globals), exactly as in a kernel; the service is loaded from source
with ``load_source`` and broken with ``variant``.
"""

from __future__ import annotations

import linecache
import sys
import time

import pytest
from kernel_cells import run_cell

from autograder import CheckFailed
from autograder import testsuite as ts
from autograder._guard import CheckTimeout, _time_limit
from autograder._record import collecting
from autograder.testsuite import (
    expect_caught,
    expect_green,
    expect_request,
    expect_same_in_reverse,
    load_source,
    run_suite,
    variant,
)

SERVICE = '''\
from flask import Flask, request

ITEMS = {1: "one", 2: "two"}


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.update(test_config or {})

    @app.get("/items/<int:item_id>")
    def item(item_id):
        if item_id not in ITEMS:
            return {"error": "not found"}, 404
        return {"id": item_id, "name": ITEMS[item_id]}

    @app.get("/items")
    def items():
        limit = int(request.args.get("limit", 10))
        return {"items": sorted(ITEMS)[:limit]}

    return app
'''

# The candidate's cell: fixtures through create_app, a test per behaviour.
GOOD_TESTS = '''\
import pytest


@pytest.fixture
def client():
    return create_app({"TESTING": True}).test_client()


def test_an_item_exists(client):
    assert client.get("/items/1").get_json() == {"id": 1, "name": "one"}


def test_an_unknown_item_is_404(client):
    assert client.get("/items/9", headers={"X-Trace": "t"}).status_code == 404


class TestListing:
    def test_limit(self, client):
        assert client.get("/items?limit=1").get_json() == {"items": [1]}
'''


@pytest.fixture
def service():
    return load_source(SERVICE, "service")


def notebook(service, *cells: str) -> dict:
    """A kernel namespace: the given service cell ran, then the candidate's cells."""
    namespace = {"__name__": "__main__", "notes_service": service, "create_app": service.create_app}
    for cell in cells:
        run_cell(cell, namespace)
    return namespace


@pytest.fixture(autouse=True)
def _fresh_cache():
    ts._CACHE.clear()
    yield
    ts._CACHE.clear()


# -- load_source and variant ----------------------------------------------------


def test_load_source_runs_a_module_whose_lines_tracebacks_can_show():
    module = load_source(SERVICE, "shop_service")
    assert module.__name__ == "shop_service" and callable(module.create_app)
    assert linecache.getline("<shop_service>", 3) == 'ITEMS = {1: "one", 2: "two"}\n'
    sys.modules.pop("shop_service", None)


def test_flask_finds_a_loaded_service_without_searching_and_roots_it_where_it_always_did(monkeypatch, tmp_path):
    """Flask looks a module up by name for each app; the newest loaded service answers that at once.

    Its root stays the working folder, as for a module Flask cannot find (the behaviour
    before load_source registered it), and a real module of that name is never replaced.
    """
    import importlib.util

    from flask.helpers import get_root_path
    from flask.sansio.scaffold import find_package

    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "shop_service", raising=False)
    first = load_source(SERVICE, "shop_service")
    second = load_source(SERVICE, "shop_service")
    assert sys.modules["shop_service"] is second is not first
    searched = []
    monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec",
                        classmethod(lambda cls, *a, **k: searched.append(a[0])))
    app = second.create_app()
    assert app.root_path == get_root_path("shop_service") == str(tmp_path)
    assert find_package("shop_service") == (None, str(tmp_path))
    assert searched == [], f"Flask searched sys.path for {searched}"
    real = type(sys)("shop_service")
    real.__file__ = str(tmp_path / "pkg" / "shop_service.py")
    monkeypatch.setitem(sys.modules, "shop_service", real)
    load_source(SERVICE, "shop_service")
    assert sys.modules["shop_service"] is real


def test_variant_replaces_exactly_one_occurrence():
    broken = variant(SERVICE, "item_id not in ITEMS", "item_id in ITEMS")
    client = broken.create_app().test_client()
    assert client.get("/items/1").status_code == 404
    with pytest.raises(ValueError, match=r"exactly one occurrence of 'no such text', found 0"):
        variant(SERVICE, "no such text", "x")
    with pytest.raises(ValueError, match=r"exactly one occurrence of 'ITEMS', found 4"):
        variant(SERVICE, "ITEMS", "STOCK")


# -- run_suite -------------------------------------------------------------------


def test_run_suite_records_each_tests_outcome_and_the_requests_it_sent(service, capfd):
    namespace = notebook(service, GOOD_TESTS)
    run = run_suite(namespace, service.create_app)
    assert set(run.tests) == {"test_an_item_exists", "test_an_unknown_item_is_404", "TestListing::test_limit"}
    assert run.passed == set(run.tests) and not run.collection_errors
    sent = {(r.test, r.method, r.path, r.status) for r in run.requests}
    assert sent == {
        ("test_an_item_exists", "GET", "/items/1", 200),
        ("test_an_unknown_item_is_404", "GET", "/items/9", 404),
        ("TestListing::test_limit", "GET", "/items", 200),
    }
    listing = next(r for r in run.requests if r.path == "/items")
    assert listing.query == {"limit": ["1"]}
    unknown = next(r for r in run.requests if r.path == "/items/9")
    assert "x-trace" in unknown.headers
    # pytest's report is kept, never printed: nbgrader scores a cell 0 for a line on stderr.
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
    assert "3 passed" in run.report


def test_failures_skips_and_expected_failures_are_not_passes(service):
    namespace = notebook(service, GOOD_TESTS + '''

def test_wrong_name(client):
    assert client.get("/items/2").get_json()["name"] == "deux"


@pytest.mark.skip(reason="later")
def test_skipped(client):
    pass


@pytest.mark.xfail
def test_expected_to_fail(client):
    assert False


@pytest.fixture
def broken_fixture():
    raise RuntimeError("fixture exploded")


def test_with_a_broken_fixture(broken_fixture):
    pass
''')
    run = run_suite(namespace, service.create_app)
    assert run.tests["test_an_item_exists"].ok
    wrong = run.tests["test_wrong_name"]
    # pytest cannot rewrite the assert of a cell, so the failing line is shown.
    assert wrong.failure == (
        'AssertionError: assert client.get("/items/2").get_json()["name"] == "deux" (line 23 of your tests)'
    )
    assert run.tests["test_skipped"].failure == "skipped"
    assert not run.tests["test_expected_to_fail"].ok
    assert run.tests["test_with_a_broken_fixture"].failure.startswith("error in setup: RuntimeError: fixture exploded")


def test_run_suite_puts_the_notebooks_factory_back(service):
    namespace = notebook(service, GOOD_TESTS)

    def exploding_factory(test_config=None):
        raise RuntimeError("no app today")

    run = run_suite(namespace, exploding_factory)
    assert not run.passed
    assert namespace["create_app"] is service.create_app


def test_a_suite_is_run_once_and_shared_while_it_is_unchanged(service):
    namespace = notebook(service, GOOD_TESTS)
    first = run_suite(namespace, service.create_app, reuse=True)
    assert run_suite(namespace, service.create_app, reuse=True) is first
    assert run_suite(namespace, service.create_app) is not first  # reuse is asked for, not assumed
    run_cell(GOOD_TESTS, namespace)  # the candidate ran their cell again: new test objects
    assert run_suite(namespace, service.create_app, reuse=True) is not first


def test_reverse_runs_the_tests_in_the_opposite_order(service):
    namespace = notebook(service, '''
ORDER = []


def test_first():
    ORDER.append("first")


def test_second():
    ORDER.append("second")
''')
    run_suite(namespace, service.create_app, reverse=True)
    assert namespace["ORDER"] == ["second", "first"]


# -- time limits -------------------------------------------------------------------


def test_a_hanging_test_is_stopped_and_says_it_timed_out(service, monkeypatch):
    monkeypatch.setattr(ts, "PHASE_TIMEOUT", 0.3)
    namespace = notebook(service, GOOD_TESTS + '''

def test_waits_forever(client):
    while True:
        pass
''')
    run = run_suite(namespace, service.create_app)
    assert run.tests["test_waits_forever"].failure == "timed out: stopped after 0.3 s, the time limit of each test"
    assert run.tests["test_an_item_exists"].ok


def test_a_long_honest_suite_outlasts_a_checks_time_limit(service, monkeypatch):
    """Each test has its own limit; a Check's total limit waits while the suite runs, then resumes."""
    monkeypatch.setattr(ts, "PHASE_TIMEOUT", 0.5)
    many = "\n".join(f"def test_slow_{n}():\n    time.sleep(0.1)\n" for n in range(8))
    namespace = notebook(service, "import time\n\n" + many)
    started = time.monotonic()
    with pytest.raises(CheckTimeout):
        with _time_limit(0.4):
            run = run_suite(namespace, service.create_app)
            after_suite = time.monotonic()
            assert after_suite - started > 0.8
            assert len(run.passed) == 8
            time.sleep(2)  # the Check's limit is still there afterwards, with the time it had left
    assert time.monotonic() - after_suite < 0.45


# -- expect_green ----------------------------------------------------------------


def test_expect_green_passes_with_one_short_line(service, capsys):
    namespace = notebook(service, GOOD_TESTS)
    run = expect_green(namespace, service.create_app)
    assert len(run.tests) == 3
    assert capsys.readouterr().out == "Your 3 tests all pass against the real service.\n"
    # Under a Check the line is listed as passed instead of printed.
    ts._CACHE.clear()
    with collecting() as labels:
        expect_green(namespace, service.create_app)
    assert labels == ["your 3 tests all pass against the real service"]
    assert capsys.readouterr().out == ""


def test_expect_green_without_tests_says_how_to_write_them(service):
    namespace = notebook(service, "import pytest\n")
    with pytest.raises(CheckFailed, match=r"^pytest found no tests\. Define test functions named test_\.\.\."):
        expect_green(namespace, service.create_app)


def test_expect_green_lists_the_failing_tests_and_why_a_few_at_a_time(service):
    failing = "\n".join(f"def test_wrong_{n}():\n    assert {n} == -1\n" for n in range(12))
    namespace = notebook(service, GOOD_TESTS + "\n" + failing)
    with pytest.raises(CheckFailed) as failure:
        expect_green(namespace, service.create_app)
    lines = str(failure.value).splitlines()
    assert lines[0] == (
        "12 of your 15 tests failed against the real service; a test must pass against correct "
        "code before it can catch a bug:"
    )
    assert lines[1] == "  FAILED  test_wrong_0: AssertionError: assert 0 == -1 (line 22 of your tests)"
    assert len(lines) == 1 + ts.LISTING_LIMIT + 1 and lines[-1] == "  ... and 4 more"
    assert not any("test_an_item_exists" in line for line in lines)


# -- expect_caught ---------------------------------------------------------------


def test_expect_caught_is_silent_when_a_passing_test_fails_against_the_bug(service, capsys):
    namespace = notebook(service, GOOD_TESTS)
    broken = variant(SERVICE, 'return {"error": "not found"}, 404', 'return {"error": "not found"}, 200')
    with collecting() as labels:
        expect_caught(namespace, service.create_app, broken.create_app, label="hidden check 1")
    assert labels == ["your tests catch hidden check 1"]
    assert capsys.readouterr().out == ""


def test_expect_caught_never_reveals_the_planted_bug(service):
    old, new = "sorted(ITEMS)[:limit]", "sorted(ITEMS)[:limit + 1]"
    broken = variant(SERVICE, old, new)
    # These tests never send ?limit=, so the off-by-one goes unnoticed.
    namespace = notebook(service, GOOD_TESTS.replace('"/items?limit=1"', '"/items"').replace('[1]}', '[1, 2]}'))
    with pytest.raises(CheckFailed) as failure:
        expect_caught(namespace, service.create_app, broken.create_app, label="hidden check 2.1")
    message = str(failure.value)
    assert message == (
        "Your tests all passed against a deliberately broken version of the service (hidden check 2.1). "
        "Some behaviour the task asks you to test is not checked yet."
    )
    assert "limit" not in message and old not in message and new not in message
    with pytest.raises(CheckFailed, match=r"\(a visible label\)\. Test the page size\.$"):
        expect_caught(namespace, service.create_app, broken.create_app, label="a visible label",
                      hint="Test the page size.")


def test_a_test_that_always_fails_catches_nothing(service):
    namespace = notebook(service, "def test_always_fails():\n    assert False\n")
    broken = variant(SERVICE, "item_id not in ITEMS", "item_id in ITEMS")
    with pytest.raises(CheckFailed) as failure:
        expect_caught(namespace, service.create_app, broken.create_app, label="hidden check 3")
    assert str(failure.value).startswith("None of your tests passes against the real service, so none can catch a bug.")
    assert str(failure.value).endswith("(hidden check 3)")


def test_a_test_that_only_passes_against_the_bug_catches_nothing(service):
    """Caught means: a test that passes against the real service fails against the broken one."""
    expects_the_bug = (
        "def test_expects_the_bug(client):\n"
        "    assert client.get('/items/1').status_code == 404\n"
    )
    broken = variant(SERVICE, "if item_id not in ITEMS:", "if item_id not in ITEMS or item_id == 1:")
    # Only test_expects_the_bug changes against the bug: it starts to pass. None fails.
    namespace = notebook(service, GOOD_TESTS.replace("def test_an_item_exists", "def _not_a_test") + expects_the_bug)
    with pytest.raises(CheckFailed, match="deliberately broken version"):
        expect_caught(namespace, service.create_app, broken.create_app, label="hidden check 4")
    # With a test that passes against the real service and fails against the bug, it is caught.
    expect_caught(notebook(service, GOOD_TESTS + expects_the_bug), service.create_app, broken.create_app,
                  label="hidden check 4")


def test_a_run_stops_after_a_named_test_fails_and_the_verdict_is_the_same(service):
    """expect_caught stops the broken run at the first good test that fails: the tests after it never run."""
    broken = variant(SERVICE, "item_id not in ITEMS", "item_id in ITEMS")
    namespace = notebook(service, GOOD_TESTS)
    full = run_suite(namespace, broken.create_app)
    assert set(full.tests) == {"test_an_item_exists", "test_an_unknown_item_is_404", "TestListing::test_limit"}
    assert not full.tests["test_an_item_exists"].ok and not full.tests["test_an_unknown_item_is_404"].ok
    short = run_suite(namespace, broken.create_app, stop_after={"test_an_item_exists"})
    assert list(short.tests) == ["test_an_item_exists"] and not short.tests["test_an_item_exists"].ok
    # A named test that passes does not stop the run, nor does a failing test that is not named.
    untouched = run_suite(namespace, broken.create_app, stop_after={"TestListing::test_limit"})
    assert set(untouched.tests) == set(full.tests)
    # The fixtures of a stopped run are torn down all the same.
    torn_down = "\n\n@pytest.fixture(scope='module', autouse=True)\ndef shared():\n    yield\n    DOWN.append(1)\n"
    namespace = notebook(service, "DOWN = []\n" + GOOD_TESTS + torn_down)
    short = run_suite(namespace, broken.create_app, stop_after={"test_an_item_exists"})
    assert list(short.tests) == ["test_an_item_exists"] and namespace["DOWN"] == [1]
    counting = GOOD_TESTS + "\n\ndef test_last(client):\n    RAN.append('last')\n"
    namespace = notebook(service, "RAN = []\n" + counting)
    ran = namespace["RAN"]
    with collecting() as labels:
        expect_caught(namespace, service.create_app, broken.create_app, label="hidden check 5")
    assert labels == ["your tests catch hidden check 5"]
    assert ran == ["last"], "the broken run went on after the bug was caught"
    # A bug that only the last test catches is still caught.
    last_catches = GOOD_TESTS + "\n\ndef test_two(client):\n    assert client.get('/items/2').status_code == 200\n"
    only_two = variant(SERVICE, "if item_id not in ITEMS:", "if item_id not in ITEMS or item_id == 2:")
    expect_caught(notebook(service, last_catches), service.create_app, only_two.create_app, label="hidden check 6")


# -- expect_request ----------------------------------------------------------------


def test_expect_request_finds_a_matching_request_of_a_passing_test(service):
    namespace = notebook(service, GOOD_TESTS + '''

def test_failing_but_sends_a_query(client):
    client.get("/items?page=2")
    assert False
''')
    run = run_suite(namespace, service.create_app)
    with collecting() as labels:
        sent = expect_request(run, "get", r"/items/\d+", status=404, header="X-Trace", what="an unknown item")
    assert (sent.test, sent.path) == ("test_an_unknown_item_is_404", "/items/9")
    assert labels == ["a passing test sends an unknown item"]
    expect_request(run, "GET", "/items", query="limit", status=(200, 201), what="a page")
    # Only passing tests count: the failing one's ?page=2 does not.
    with pytest.raises(CheckFailed) as failure:
        expect_request(run, "GET", "/items", query="page", what="GET /items with ?page=")
    assert str(failure.value) == (
        "None of your passing tests sends GET /items with ?page= (only requests to apps built by "
        "create_app(...) count)."
    )
    with pytest.raises(CheckFailed):
        expect_request(run, "GET", "/items", status=404, what="a 404 listing")
    with pytest.raises(CheckFailed):
        expect_request(run, "GET", r"/items/\d+", header="Authorization", what="a token")


# -- expect_same_in_reverse ------------------------------------------------------


def test_expect_same_in_reverse_names_the_tests_that_depend_on_order(service):
    namespace = notebook(service, GOOD_TESTS + '''
CREATED = []


def test_create():
    CREATED[:] = [1]


def test_relies_on_create():
    assert CREATED, "nothing was created"
    CREATED.clear()
''')
    with pytest.raises(CheckFailed) as failure:
        expect_same_in_reverse(namespace, service.create_app)
    lines = str(failure.value).splitlines()
    assert lines[0].startswith("These tests pass in the order you wrote them but fail when your tests run in the opposite order")
    assert len(lines) == 2 and lines[1].startswith("  test_relies_on_create: AssertionError: nothing was created")
    # Independent tests pass in any order.
    expect_same_in_reverse(notebook(service, GOOD_TESTS), service.create_app)

"""Grade a candidate's pytest suite by running it against a service and its mutants.

The candidate's notebook defines fixtures and ``test_*`` functions that reach
the service through a factory, ``create_app``, looked up in the notebook's
globals. A test cell swaps that name for another factory, runs the suite with
pytest (through ipytest) and restores it::

    from autograder.testsuite import expect_caught, expect_green, variant
    real = notes_service.create_app
    expect_green(globals(), real)                    # at least one test, all pass
    broken = variant(SERVICE_SOURCE, "< 1", "< 0")   # one planted bug
    expect_caught(globals(), real, broken.create_app, label="hidden check 2")

A mutant counts as caught when a test that passes against the real service
fails against the mutant, so a test that always fails catches nothing.
Nothing reaches stderr: pytest's report is kept, warnings and logging are
silenced, and each test phase is stopped after a few seconds.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import linecache
import logging
import os
import re
import sys
import tempfile
import types
import warnings
from collections.abc import Callable, Collection, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import pytest

from ._guard import CheckFailed, CheckTimeout, _time_limit, paused_time_limit
from ._record import Outcome, is_collecting, passed

__all__ = [
    "Outcome", "SentRequest", "SuiteRun",
    "expect_caught", "expect_green", "expect_request", "expect_same_in_reverse",
    "load_source", "run_suite", "variant",
]

FACTORY = "create_app"
PHASE_TIMEOUT = 5.0
_TEST_NAME = re.compile(r"[Tt]est")
# Runs against the real service, reused by later cells while the suite is unchanged.
_CACHE: dict[int, tuple[Callable[..., Any], list[tuple[str, Any]], SuiteRun]] = {}
_CACHE_SIZE = 4


def load_source(source: str, name: str = "service") -> types.ModuleType:
    """Run ``source`` as a fresh module called ``name`` and return it.

    The newest module of each name stays in ``sys.modules`` with no ``__spec__``:
    ``Flask(__name__)`` then finds it there and takes the working folder as its
    root, as it would for a module it cannot find, without searching every folder
    of ``sys.path`` for each app a test makes (a tenth of a suite's run).
    """
    filename = f"<{name}>"
    # Tracebacks and pytest reports can then show the service's lines.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    module = types.ModuleType(name)
    module.__file__ = filename  # relative: Flask's root is the working folder, as before
    previous = sys.modules.get(name)
    if previous is None or getattr(previous, "__file__", None) == filename:
        sys.modules[name] = module
    exec(compile(source, filename, "exec"), vars(module))  # noqa: S102 - our own locked cell
    return module


def variant(source: str, old: str, new: str, name: str = "service") -> types.ModuleType:
    """Load ``source`` with its one occurrence of ``old`` replaced by ``new``."""
    count = source.count(old)
    if count != 1:
        raise ValueError(f"the variant expects exactly one occurrence of {old!r}, found {count}")
    return load_source(source.replace(old, new), name)


@dataclass(frozen=True)
class SentRequest:
    """One request a test sent to an app built by the factory."""

    test: str
    method: str
    path: str
    query: dict[str, list[str]]
    headers: frozenset[str]  # lower-case names of the request headers
    status: int


@dataclass
class SuiteRun:
    """What happened when the candidate's suite ran against one factory."""

    #: Each test's outcome by name; ``failure`` is a one-line reason.
    tests: dict[str, Outcome] = field(default_factory=dict)
    requests: list[SentRequest] = field(default_factory=list)
    collection_errors: list[str] = field(default_factory=list)
    report: str = ""

    @property
    def passed(self) -> set[str]:
        return {name for name, outcome in self.tests.items() if outcome.ok}


def _current_test() -> str:
    # pytest sets "file.py::test_name (call)" while a test's phases run.
    current = os.environ.get("PYTEST_CURRENT_TEST", "")
    return _short_id(current.rsplit(" (", 1)[0]) if current else ""


def _short_id(nodeid: str) -> str:
    """Drop the temporary file name pytest puts in front of a test id."""
    return nodeid.split("::", 1)[1] if "::" in nodeid else nodeid


def _reason(report: pytest.TestReport | pytest.CollectReport) -> str:
    crash = getattr(report.longrepr, "reprcrash", None)
    text = crash.message if crash is not None else str(report.longrepr or "")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    line = lines[0] if lines else "failed"
    if crash is not None:
        # Our modules are named "<service>"; a candidate's cell has a temporary file name.
        ours = crash.path.startswith("<")
        if not ours and ":" not in line:
            # A bare `assert` in a cell (pytest rewrites only files) says nothing more: show its line.
            source = linecache.getline(crash.path, crash.lineno).strip()
            line = f"{line}: {source}" if source else line
        line = f"{line} (line {crash.lineno} of {crash.path if ours else 'your tests'})"
    return line if len(line) <= 200 else line[:197] + "..."


class _Recorder:
    """A pytest plugin and factory wrapper that write down outcomes and requests."""

    def __init__(self, run: SuiteRun, reverse: bool, stop_after: Collection[str] = ()) -> None:
        self.run = run
        self.reverse = reverse
        self.stop_after = frozenset(stop_after)
        self.stopped = False

    def wrap(self, factory: Callable[..., Any]) -> Callable[..., Any]:
        def recording_factory(*args: Any, **kwargs: Any) -> Any:
            app = factory(*args, **kwargs)
            inner = getattr(app, "wsgi_app", None)
            if inner is not None:
                app.wsgi_app = self._recording_wsgi(inner)
            return app

        recording_factory.__name__ = getattr(factory, "__name__", FACTORY)
        return recording_factory

    def _recording_wsgi(self, inner: Callable[..., Any]) -> Callable[..., Any]:
        def wsgi_app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
            statuses: list[int] = []

            def recording_start(status: str, headers: Any, exc_info: Any = None) -> Any:
                statuses.append(int(status.split()[0]))
                return start_response(status, headers, exc_info)

            body = inner(environ, recording_start)
            names = {k[5:].replace("_", "-").lower() for k in environ if k.startswith("HTTP_")}
            names |= {k.replace("_", "-").lower() for k in ("CONTENT_TYPE",) if environ.get(k)}
            self.run.requests.append(SentRequest(
                _current_test(), environ.get("REQUEST_METHOD", "GET"),
                environ.get("PATH_INFO", ""), parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True),
                frozenset(names), statuses[-1] if statuses else 0,
            ))
            return body

        return wsgi_app

    # pytest hooks -----------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
        # Once stopped, the remaining tests are passed over, unreported. (pytest's own
        # stop, session.shouldstop, raises Interrupted, and its terminal report then
        # formats the whole traceback of that: an eighth of 06's grading time, profiled.)
        return True if self.stopped else None

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        if self.reverse:
            items.reverse()

    # Each phase of each test has a time limit of its own, so a suite may take
    # as long as its tests need in all (see run_suite).
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Iterator[None]:
        with _time_limit(PHASE_TIMEOUT):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item) -> Iterator[None]:
        with _time_limit(PHASE_TIMEOUT):
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Iterator[None]:
        with _time_limit(PHASE_TIMEOUT):
            return (yield)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        name = _short_id(report.nodeid)
        before = self.run.tests.get(name)
        if report.failed:
            reason = _reason(report)
            if "CheckTimeout" in reason:
                reason = f"timed out: stopped after {PHASE_TIMEOUT:g} s, the time limit of each test"
            if report.when != "call":
                reason = f"error in {report.when}: {reason}"
            if before is None or before.ok:
                self.run.tests[name] = Outcome(name, reason)
            if name in self.stop_after:
                # The answer is known; pytest finishes this test's teardown and runs no more
                # (see pytest_runtest_protocol).
                self.stopped = True
        elif report.when == "call" and before is None:
            # A skip or an expected failure is not a passing test.
            ok = report.passed and not hasattr(report, "wasxfail")
            self.run.tests[name] = Outcome(name, None if ok else "skipped")
        elif report.skipped and before is None:
            self.run.tests[name] = Outcome(name, "skipped")

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.run.collection_errors.append(_reason(report))


@contextlib.contextmanager
def _quiet_environment() -> Iterator[tuple[io.StringIO, str]]:
    """Run pytest in a scratch folder, with no plugins of the machine and nothing on stderr."""
    output = io.StringIO()
    saved_env = {k: os.environ.get(k) for k in ("PYTEST_ADDOPTS", "PYTEST_DISABLE_PLUGIN_AUTOLOAD")}
    previous_dir = os.getcwd()
    logging_disabled = logging.root.manager.disable
    with tempfile.TemporaryDirectory(prefix="flasklab-suite-") as scratch:
        os.environ.pop("PYTEST_ADDOPTS", None)
        os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
        os.chdir(scratch)  # ipytest writes its module file here; no ini file is found above it
        logging.disable(logging.CRITICAL)
        try:
            with warnings.catch_warnings(), contextlib.redirect_stdout(output), \
                    contextlib.redirect_stderr(output):
                warnings.simplefilter("ignore")
                yield output, scratch
        finally:
            logging.disable(logging_disabled)
            os.chdir(previous_dir)
            for key, value in saved_env.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _suite_objects(namespace: MutableMapping[str, Any]) -> list[tuple[str, Any]]:
    """Return the tests and fixtures of ``namespace``: what a re-run of their cell replaces."""
    return [
        (name, value) for name, value in namespace.items()
        if _TEST_NAME.match(name) or hasattr(value, "_fixture_function_marker")
    ]


def _scopes(namespace: MutableMapping[str, Any]) -> list[MutableMapping[str, Any]]:
    """Return ``namespace`` and the globals of the tests and fixtures that know the factory.

    A Check runs the test cells in a copy of the notebook's namespace, while the
    candidate's functions still look names up in the notebook's own globals.
    """
    found: dict[int, MutableMapping[str, Any]] = {id(namespace): namespace}
    for _, value in _suite_objects(namespace):
        members = list(vars(value).values()) if isinstance(value, type) else [value]
        for member in members:
            function = inspect.unwrap(getattr(member, "__func__", member)) if callable(member) else None
            scope = getattr(function, "__globals__", None)
            if isinstance(scope, dict) and FACTORY in scope:
                found.setdefault(id(scope), scope)
    return list(found.values())


def _same(a: list[tuple[str, Any]], b: list[tuple[str, Any]]) -> bool:
    return len(a) == len(b) and all(x[0] == y[0] and x[1] is y[1] for x, y in zip(a, b, strict=False))


def run_suite(
    namespace: MutableMapping[str, Any],
    factory: Callable[..., Any],
    *,
    reverse: bool = False,
    reuse: bool = False,
    stop_after: Collection[str] = (),
) -> SuiteRun:
    """Run every test in ``namespace`` with ``namespace["create_app"]`` set to ``factory``.

    ``reverse`` runs the tests in the opposite of their file order. ``reuse``
    returns the result of an earlier run with the same factory object while the
    notebook's tests and fixtures are the same objects (for the real service,
    which several cells run). ``stop_after`` names tests whose failure ends
    the run: the tests after it are not run, and are missing from the result.

    Each phase (setup, call, teardown) of each test is stopped after
    ``PHASE_TIMEOUT`` seconds and counts as failed; an outer time limit (a
    Check's) is paused meanwhile, so a large honest suite is never cut short.
    """
    objects = _suite_objects(namespace)
    cached = _CACHE.get(id(factory))
    if reuse and not reverse and cached and cached[0] is factory and _same(cached[1], objects):
        return cached[2]
    run = _run(namespace, factory, reverse, stop_after)
    if reuse and not reverse and not stop_after:
        _CACHE.pop(id(factory), None)
        _CACHE[id(factory)] = (factory, objects, run)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
    return run


def _run(
    namespace: MutableMapping[str, Any], factory: Callable[..., Any], reverse: bool, stop_after: Collection[str],
) -> SuiteRun:
    import ipytest

    run = SuiteRun()
    recorder = _Recorder(run, reverse, stop_after)
    module = types.ModuleType("candidate_tests")
    vars(module).update({k: v for k, v in namespace.items() if not k.startswith("__")})
    missing = object()
    scopes = _scopes(namespace)
    originals = [scope.get(FACTORY, missing) for scope in scopes]
    for scope in scopes:
        scope[FACTORY] = recorder.wrap(factory)
    try:
        with paused_time_limit(), _quiet_environment() as (output, scratch):
            try:
                ipytest.run(
                    # Failures are read from each report's crash line (see _reason): a native
                    # traceback is enough, and pytest's own style parses the source of every
                    # frame of every failure. unraisableexception turns unraisable errors into
                    # warnings, which are ignored here, and collects garbage five times a run.
                    "-q", "-p", "no:cacheprovider", "-p", "no:unraisableexception", "--tb=native",
                    "-W", "ignore", f"--basetemp={scratch}/tmp",
                    module=module, plugins=[recorder], addopts=[], defopts=True,
                    raise_on_error=False, run_in_thread=False, display_columns=False, coverage=False,
                )
            except (Exception, CheckTimeout) as exc:  # noqa: BLE001 - an internal error is reported, not raised
                run.collection_errors.append(f"{type(exc).__name__}: {exc}")
    finally:
        for scope, original in zip(scopes, originals, strict=False):
            if original is missing:
                scope.pop(FACTORY, None)
            else:
                scope[FACTORY] = original
    run.report = output.getvalue()
    return run


_NOTHING_PASSES = (
    "None of your tests passes against the real service, so none can catch a bug. "
    "Make your tests pass first (see the visible check of task 1)."
)


#: A failure lists at most this many tests; the rest are counted.
LISTING_LIMIT = 8


def _listing(run: SuiteRun) -> str:
    """The failed tests with their reasons, and collection errors, at most LISTING_LIMIT lines of each."""
    failed = [f"  FAILED  {name}: {o.failure}" for name, o in run.tests.items() if not o.ok]
    errors = [f"  could not collect your tests: {error}" for error in run.collection_errors]
    lines = []
    for group in (failed, errors):
        lines += group[:LISTING_LIMIT]
        if len(group) > LISTING_LIMIT:
            lines.append(f"  ... and {len(group) - LISTING_LIMIT} more")
    return "\n".join(lines)


def expect_green(namespace: MutableMapping[str, Any], factory: Callable[..., Any]) -> SuiteRun:
    """Check that the suite has at least one test and every test passes against ``factory``."""
    __tracebackhide__ = True
    run = run_suite(namespace, factory, reuse=True)
    if not run.tests:
        raise CheckFailed(
            "pytest found no tests. Define test functions named test_... (or classes named Test...) "
            "and fixtures with @pytest.fixture in the cell of your tests, and run that cell."
            + (f"\n{_listing(run)}" if run.collection_errors else "")
        )
    failed = [name for name, o in run.tests.items() if not o.ok]
    if failed or run.collection_errors:
        raise CheckFailed(
            f"{len(failed)} of your {len(run.tests)} tests failed against the real service; "
            "a test must pass against correct code before it can catch a bug:\n" + _listing(run)
        )
    summary = f"your {len(run.tests)} tests all pass against the real service"
    passed(summary)
    if not is_collecting():  # a Check lists it already
        print(summary[0].upper() + summary[1:] + ".")
    return run


def expect_caught(
    namespace: MutableMapping[str, Any],
    real: Callable[..., Any],
    broken: Callable[..., Any],
    *,
    label: str,
    hint: str = "",
) -> None:
    """Check that a test passing against ``real`` fails against ``broken``."""
    __tracebackhide__ = True
    good = run_suite(namespace, real, reuse=True).passed
    if not good:
        raise CheckFailed(f"{_NOTHING_PASSES} ({label})")
    # The bug is caught as soon as one of the good tests fails, so the rest need not run.
    bad = run_suite(namespace, broken, stop_after=good).passed
    if good <= bad:
        raise CheckFailed(
            f"Your tests all passed against a deliberately broken version of the service ({label}). "
            + (hint or "Some behaviour the task asks you to test is not checked yet.")
        )
    passed(f"your tests catch {label}")


def expect_request(
    run: SuiteRun,
    method: str,
    path: str,
    *,
    what: str,
    status: int | tuple[int, ...] | None = None,
    query: str | None = None,
    header: str | None = None,
) -> SentRequest:
    """Check that a test that passed sent a matching request; ``path`` is a regex for the whole path."""
    __tracebackhide__ = True
    statuses = (status,) if isinstance(status, int) else status
    for sent in run.requests:
        if (
            sent.test in run.passed
            and sent.method == method.upper()
            and re.fullmatch(path, sent.path)
            and (statuses is None or sent.status in statuses)
            and (query is None or query in sent.query)
            and (header is None or header.lower() in sent.headers)
        ):
            passed(f"a passing test sends {what}")
            return sent
    raise CheckFailed(
        f"None of your passing tests sends {what} (only requests to apps built by "
        "create_app(...) count)."
    )


def expect_same_in_reverse(namespace: MutableMapping[str, Any], factory: Callable[..., Any]) -> None:
    """Check that every test passing in file order also passes when the order is reversed."""
    __tracebackhide__ = True
    forward = run_suite(namespace, factory, reuse=True).passed
    if not forward:
        raise CheckFailed(_NOTHING_PASSES)
    backward = run_suite(namespace, factory, reverse=True)
    broken = sorted(forward - backward.passed)
    if broken:
        reasons = "\n".join(f"  {name}: {backward.tests[name].failure if name in backward.tests else 'not run'}"
                             for name in broken[:LISTING_LIMIT])
        if len(broken) > LISTING_LIMIT:
            reasons += f"\n  ... and {len(broken) - LISTING_LIMIT} more"
        raise CheckFailed(
            "These tests pass in the order you wrote them but fail when your tests run in the "
            "opposite order, so one test depends on what another left behind:\n" + reasons
        )
    passed("your tests pass in the opposite order too")

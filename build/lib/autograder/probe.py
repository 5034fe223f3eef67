"""Check a candidate's Flask app through the test client.

A test cell builds the app from the candidate's factory, makes requests and
states what it expects::

    from autograder import check_app
    app = check_app(create_app)
    app.get("/books/1").expect(200, json_subset={"id": 1})
    app.get("/books/999").expect(404, why="a book that does not exist")

Every helper raises ``CheckFailed`` (an ``AssertionError``) with a message that
says what was requested, what came back and what was expected. None returns a
boolean: a test cell whose last value is ``False`` scores full marks in nbgrader.
"""

from __future__ import annotations

import inspect
import json as jsonlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.routing import RequestRedirect
from werkzeug.test import TestResponse

from ._guard import CheckFailed, guarded
from ._record import passed, request_timeout

__all__ = ["AppProbe", "Reply", "check_app"]

_MISSING = object()
_BODY_LIMIT = 300


def _short(text: str, limit: int = _BODY_LIMIT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _show(value: Any) -> str:
    try:
        return _short(jsonlib.dumps(value, sort_keys=True, default=repr))
    except (TypeError, ValueError):
        return _short(repr(value))


def check_app(
    factory: Callable[..., Any],
    config: Mapping[str, Any] | None = None,
    *,
    timeout: float | None = None,
) -> AppProbe:
    """Build a fresh app from the candidate's factory with a test configuration.

    The factory is called as ``factory(config)`` when it takes an argument (the
    ``create_app(test_config=None)`` convention), otherwise as ``factory()``
    followed by ``app.config.update(config)``. ``TESTING`` is always on, so an
    exception in a view reaches the check instead of Flask's error log.
    """
    __tracebackhide__ = True
    timeout = timeout or request_timeout.get()
    name = getattr(factory, "__name__", "the factory")
    if not callable(factory):
        raise CheckFailed(
            f"{name} is not a function (got {type(factory).__name__}). Define "
            "`def create_app(test_config=None):` and run its cell."
        )
    test_config = {"TESTING": True, **(config or {})}
    takes_config = _accepts_an_argument(factory)
    call = f"{name}({_show(test_config)})" if takes_config else f"{name}()"
    with guarded(f"calling {call}", timeout):
        app = factory(test_config) if takes_config else factory()
        if isinstance(app, Flask) and not takes_config:
            app.config.update(test_config)
    if not isinstance(app, Flask):
        got = "None (is `return app` missing?)" if app is None else type(app).__name__
        raise CheckFailed(f"{call} should return a Flask app, but it returned {got}.")
    return AppProbe(app, timeout=timeout)


def _accepts_an_argument(factory: Callable[..., Any]) -> bool:
    try:
        params = inspect.signature(factory).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(
        p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)
        for p in params
    )


class AppProbe:
    """A candidate's app, reached only through the test client and its URL map."""

    def __init__(self, app: Flask, *, timeout: float | None = None) -> None:
        self.app = app
        self.timeout = timeout or request_timeout.get()
        self.client = app.test_client()

    # -- requests ---------------------------------------------------------

    def request(self, method: str, path: str, **kwargs: Any) -> Reply:
        """Send one request through the test client and wrap the response."""
        __tracebackhide__ = True
        method = method.upper()
        label = f"{method} {path}"
        if "json" in kwargs:
            label += f" with JSON {_show(kwargs['json'])}"
        with guarded(label, self.timeout, advice=self._unhandled):
            response = self.client.open(path, method=method, **kwargs)
            # Reading the body can run candidate code too (streamed responses).
            response.get_data()
        return Reply(label, response)

    def _unhandled(self, exc: BaseException) -> str | None:
        """Name the error handler that is missing when an exception of the notebook's escaped a request.

        Only for exception classes defined in the notebook (the candidate's own,
        or the given code's, like a DatabaseError): a library's exception that
        escapes is a bug to fix, not an error to handle.
        """
        cls = type(exc)
        # Cells run in __main__ (a Check's copy of the namespace keeps that name).
        if cls.__module__ != "__main__" or isinstance(exc, HTTPException) or _has_handler(self.app, cls):
            return None
        return (
            f"Your app has no error handler for {cls.__name__}, so the exception left the app "
            "(with TESTING on it reaches the test client instead of becoming a 500 page). If the "
            f"task asks for a response to it, register one: @app.errorhandler({cls.__name__})."
        )

    def get(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("DELETE", path, **kwargs)

    def head(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("HEAD", path, **kwargs)

    def options(self, path: str, **kwargs: Any) -> Reply:
        __tracebackhide__ = True
        return self.request("OPTIONS", path, **kwargs)

    # -- the URL map --------------------------------------------------------

    def url_for(self, endpoint: str, **values: Any) -> str:
        """Build a URL the way ``url_for`` does inside a request."""
        __tracebackhide__ = True
        label = f"url_for({endpoint!r}{''.join(f', {k}={v!r}' for k, v in values.items())})"
        with guarded(label, self.timeout):
            with self.app.test_request_context():
                from flask import url_for

                try:
                    return url_for(endpoint, **values)
                except Exception as exc:  # noqa: BLE001 - BuildError, ValueError from a converter
                    raise CheckFailed(f"{label} failed: {exc}") from None

    def expect_url_for(self, endpoint: str, url: str, **values: Any) -> None:
        """Check that ``url_for(endpoint, **values)`` builds exactly ``url``."""
        __tracebackhide__ = True
        built = self.url_for(endpoint, **values)
        if built != url:
            args = "".join(f", {k}={v!r}" for k, v in values.items())
            raise CheckFailed(
                f"url_for({endpoint!r}{args})\n  expected: {url}\n  got:      {built}"
            )
        passed(f"url_for({endpoint!r}, ...) builds {url}")

    def expect_endpoint(self, path: str, endpoint: str, method: str = "GET") -> dict[str, Any]:
        """Check that ``method path`` is routed to ``endpoint``; return the view arguments."""
        __tracebackhide__ = True
        adapter = self.app.url_map.bind("localhost")
        label = f"{method} {path}"
        try:
            found, arguments = adapter.match(path, method=method)
        except RequestRedirect as redirect:
            raise CheckFailed(
                f"{label} should be routed to endpoint {endpoint!r}, but the router "
                f"redirects it to {urlsplit(redirect.new_url).path}."
            ) from None
        except MethodNotAllowed as exc:
            allowed = ", ".join(sorted(exc.valid_methods or []))
            raise CheckFailed(
                f"{label} should be routed to endpoint {endpoint!r}, but that URL only "
                f"allows {allowed}."
            ) from None
        except NotFound:
            raise CheckFailed(
                f"{label} should be routed to endpoint {endpoint!r}, but no URL rule "
                f"matches it. Rules: {self._rules_summary()}"
            ) from None
        if found != endpoint:
            raise CheckFailed(
                f"{label} should be routed to endpoint {endpoint!r}, but it goes to "
                f"{found!r}. The endpoint is the view function's name unless you pass "
                "`endpoint=` to the route."
            )
        passed(f"{label} is routed to {endpoint!r}")
        return dict(arguments)

    def allowed_methods(self, path: str) -> set[str]:
        """Return the methods the URL map accepts for ``path``."""
        return set(self.app.url_map.bind("localhost").allowed_methods(path))

    def _rules_summary(self) -> str:
        rules = sorted(
            f"{r.rule} -> {r.endpoint}" for r in self.app.url_map.iter_rules()
            if r.endpoint != "static"
        )
        return _short("; ".join(rules) or "(none)")


class Reply:
    """A response plus the request that produced it, with ``expect`` checks."""

    def __init__(self, label: str, response: TestResponse) -> None:
        self.label = label
        self.response = response

    def __repr__(self) -> str:
        # A test cell may end with a check; nbgrader shows this line as its output.
        return f"checked: {self.label} -> {self.response.status}"

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> Any:
        return self.response.headers

    @property
    def text(self) -> str:
        return self.response.get_data(as_text=True)

    @property
    def json(self) -> Any:
        """The parsed JSON body, or ``None`` when the body is not JSON."""
        try:
            return jsonlib.loads(self.text)
        except ValueError:
            return None

    def describe(self, header: str | None = None) -> str:
        """Summarise the response: status, content type, the named ``header`` if any, and body."""
        r = self.response
        kind = r.mimetype or "no content type"
        if header is not None:
            value = r.headers.get(header)
            kind += f", {header}: {value}" if value is not None else f", no {header} header"
        body = self.text
        shown = f"body {_short(body)!r}" if body.strip() else "an empty body"
        return f"{r.status} ({kind}) with {shown}"

    def _fail(self, expected: str, why: str | None = None, header: str | None = None) -> CheckFailed:
        reason = f" ({why})" if why else ""
        return CheckFailed(
            f"{self.label}\n  expected: {expected}{reason}\n  got:      {self.describe(header)}"
        )

    def expect(
        self,
        status: int | Iterable[int] | None = None,
        *,
        json: Any = _MISSING,
        json_subset: Mapping[str, Any] | None = None,
        is_json: bool | None = None,
        headers: Mapping[str, str] | None = None,
        location: str | None = None,
        empty: bool | None = None,
        why: str | None = None,
    ) -> Reply:
        """Check the response; raise ``CheckFailed`` describing the first difference.

        ``status`` may be one code or several acceptable ones. ``json`` compares
        the whole body, ``json_subset`` only the given keys of a JSON object.
        ``location`` compares the path (and query) of the Location header, so a
        relative and an absolute URL to the same place are both accepted.

        ``why`` explains what the response should contain: it is shown with a
        failure of the body (``json``, ``json_subset``, ``is_json``, ``empty``),
        ``headers`` or ``location``. When the call expects nothing but a status,
        it explains the status instead. So ``expect(404, why="there is no book
        99")`` and ``expect(201, json={"id": 5}, why="the next free id is 5")``
        read well, and a wrong status in the second is not "explained" by the id.

        The check is recorded as passed (a Check lists it) only once all of it held.
        """
        __tracebackhide__ = True
        self._verify(status, json=json, json_subset=json_subset, is_json=is_json, headers=headers,
                     location=location, empty=empty, why=why)
        passed(f"{self.label} -> {self.response.status}")
        return self

    def _verify(
        self,
        status: int | Iterable[int] | None = None,
        *,
        json: Any = _MISSING,
        json_subset: Mapping[str, Any] | None = None,
        is_json: bool | None = None,
        headers: Mapping[str, str] | None = None,
        location: str | None = None,
        empty: bool | None = None,
        why: str | None = None,
    ) -> None:
        """What :meth:`expect` checks, without recording a pass."""
        __tracebackhide__ = True
        content = (json is not _MISSING or json_subset is not None or is_json is not None
                   or bool(headers) or location is not None or empty is not None)
        if status is not None:
            allowed = {status} if isinstance(status, int) else set(status)
            if self.status_code not in allowed:
                want = " or ".join(str(s) for s in sorted(allowed))
                raise self._fail(f"status {want}", None if content else why)
        if is_json is not None or json is not _MISSING or json_subset is not None:
            if bool(self.response.is_json) != (is_json is not False):
                want = ("a JSON body (Content-Type: application/json)" if is_json is not False
                        else "a body that is not JSON")
                raise self._fail(want, why)
            body = self.json
            if json is not _MISSING and body != json:
                raise self._fail(f"JSON {_show(json)}", why)
            if json_subset is not None:
                if not isinstance(body, dict):
                    raise self._fail(f"a JSON object containing {_show(json_subset)}", why)
                wrong = {k: v for k, v in json_subset.items() if body.get(k, _MISSING) != v}
                if wrong:
                    raise self._fail(f"a JSON object containing {_show(wrong)}", why)
        for name, value in (headers or {}).items():
            if self.headers.get(name) != value:
                raise self._fail(f"header {name}: {value}", why, header=name)
        if location is not None:
            got = self.headers.get("Location")
            if got is None or _path_of(got) != _path_of(location):
                raise self._fail(f"a Location header pointing to {location}", why, header="Location")
        if empty is not None and bool(self.text) == empty:
            raise self._fail("an empty body" if empty else "a non-empty body", why)


def _has_handler(app: Flask, cls: type) -> bool:
    """True when the app or one of its blueprints registered an error handler for ``cls`` or a base class."""
    for by_code in app.error_handler_spec.values():
        for code, handlers in by_code.items():
            if code is None and any(issubclass(cls, handled) for handled in handlers):
                return True
    return False


def _path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")

"""Check that a response is an RFC 9457 problem document.

A problem is served as ``application/problem+json`` and is a JSON object with
the members ``type``, ``title``, ``status`` and ``detail`` (``instance`` is
optional), plus any extension members the problem type defines::

    from autograder import check_app
    from autograder.problem import expect_problem
    app = check_app(create_app)
    expect_problem(app.get("/orders/42"), 404, title="Not Found", detail="Order 42 does not exist.")

Like every check, it raises ``CheckFailed`` and never returns a boolean.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ._record import passed
from .probe import Reply

__all__ = ["ANY", "PROBLEM_MEDIA_TYPE", "PROBLEM_MEMBERS", "expect_problem"]

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})


class _Any:
    """Accept any non-empty string for a member."""

    def __repr__(self) -> str:
        return "any non-empty string"


ANY = _Any()


def _matches(value: Any, wanted: Any) -> bool:
    if wanted is ANY:
        return isinstance(value, str) and bool(value.strip())
    if isinstance(wanted, re.Pattern):
        return isinstance(value, str) and wanted.fullmatch(value) is not None
    # 404 and 404.0 are equal in Python, but a status must be an integer.
    return value == wanted and type(value) is type(wanted)


def _describe(wanted: Any) -> str:
    if isinstance(wanted, re.Pattern):
        return f"a string matching {wanted.pattern}"
    return repr(wanted)


def expect_problem(
    reply: Reply,
    status: int,
    *,
    type: Any = "about:blank",  # noqa: A002 - named after the RFC member
    title: Any = ANY,
    detail: Any = ANY,
    extensions: Mapping[str, Any] | None = None,
    exact: bool = False,
    why: str | None = None,
) -> dict[str, Any]:
    """Check ``reply`` is a problem document and return its members.

    ``type``, ``title`` and ``detail`` are compared exactly unless given as
    ``ANY`` (a non-empty string) or a compiled regular expression (a string
    matching it fully); ``status`` must be the integer status code and equal
    the HTTP status. ``extensions`` lists extension members that must be
    present with these values. With ``exact``, no member other than the RFC
    members and the named extensions may appear (nothing else can leak).
    ``instance``, when present, must be a string.

    ``why`` describes the situation the problem reports ("order 1 does not
    exist"): it is shown with a wrong status and a wrong member value, not
    with a wrong media type or a malformed document, which are the same
    mistake for every error. The check is recorded as passed (a Check lists
    it) only once all of it held.
    """
    __tracebackhide__ = True
    reply._verify(status, why=why)
    if reply.response.mimetype != PROBLEM_MEDIA_TYPE:
        raise reply._fail(f"Content-Type: {PROBLEM_MEDIA_TYPE}")
    body = reply.json
    if not isinstance(body, dict):
        raise reply._fail("a JSON object with type, title, status and detail")
    wanted = {"type": type, "title": title, "status": status, "detail": detail}
    for name, value in {**wanted, **(extensions or {})}.items():
        if name not in body:
            raise reply._fail(f"a problem with a {name!r} member")
        if not _matches(body[name], value):
            raise reply._fail(f"{name!r} to be {_describe(value)}", why)
    if "instance" in body and not isinstance(body["instance"], str):
        raise reply._fail("'instance', when present, to be a string")
    if exact:
        extra = sorted(set(body) - PROBLEM_MEMBERS - set(extensions or {}))
        if extra:
            allowed = sorted(PROBLEM_MEMBERS | set(extensions or {}))
            raise reply._fail(f"no members besides {allowed}, but found {extra}")
    passed(f"{reply.label} -> {reply.response.status}")
    return body

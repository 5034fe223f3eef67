"""Checks for input-validation exercises (09): field errors, secrets that must not come back, HTML forms.

A validation error is answered as ``{"errors": [{"field": ..., "message": ...}]}``
(``field`` a dotted path or ``None``, ``message`` any non-empty text)::

    from autograder import check_app
    from autograder.validation_checks import expect_field_errors, expect_no_secret, form_inputs
    app = check_app(create_app)
    reply = app.post("/api/accounts", json={"email": "ada@example.com"})
    expect_field_errors(reply, 422, {"name", "password"})
    expect_no_secret(reply, "the password sent")
    token = form_inputs(app.get("/settings"))["csrf_token"]

Like every check, these raise ``CheckFailed`` and never return a boolean.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ._guard import CheckFailed
from ._record import passed
from .pages import Element, parse_html
from .probe import Reply, _show

__all__ = ["expect_field_errors", "expect_no_secret", "form_inputs", "form_methods", "strings_in"]

_SHAPE = '{"errors": [{"field": <string or null>, "message": <non-empty string>}, ...]}'


def expect_field_errors(
    reply: Reply,
    status: int | Iterable[int],
    fields: Iterable[str | None],
    *,
    why: str | None = None,
) -> list[dict[str, Any]]:
    """Check ``reply`` is a JSON error list naming exactly ``fields``; return its entries.

    The body must be a JSON object whose only member is ``errors``: a non-empty
    list of objects with exactly ``field`` (a string, or ``None`` for an error
    about the whole body) and ``message`` (any non-empty string: message texts
    are never compared). The set of fields named must equal ``fields``; the
    order of the entries and repeated fields do not matter. ``why`` describes
    the request ("the password is too short") and is shown with a wrong status
    or wrong fields.
    """
    __tracebackhide__ = True
    wanted = set(fields)
    reply._verify(status, why=why)
    if not reply.response.is_json:
        raise reply._fail(f"a JSON body (Content-Type: application/json) shaped {_SHAPE}")
    body = reply.json
    if not isinstance(body, dict) or set(body) != {"errors"}:
        raise reply._fail(f"a JSON object with one member, errors: {_SHAPE}")
    errors = body["errors"]
    if not isinstance(errors, list) or not errors:
        raise reply._fail(f"'errors' to be a non-empty list: {_SHAPE}")
    for entry in errors:
        if not isinstance(entry, dict) or set(entry) != {"field", "message"}:
            raise reply._fail(f"each error to be an object with exactly 'field' and 'message': {_SHAPE}")
        if entry["field"] is not None and not isinstance(entry["field"], str):
            raise reply._fail(f"each 'field' to be a string or null, not {_show(entry['field'])}")
        if not isinstance(entry["message"], str) or not entry["message"].strip():
            raise reply._fail("each 'message' to be a non-empty string")
    named = {entry["field"] for entry in errors}
    if named != wanted:
        raise reply._fail(f"errors for the fields {_fields(wanted)} (got {_fields(named)})", why)
    passed(f"{reply.label} -> {reply.response.status}, errors for {_fields(wanted)}")
    return errors


def _fields(fields: set[str | None]) -> str:
    shown = sorted(f for f in fields if f is not None)
    names = [repr(f) for f in shown] + (["null"] if None in fields else [])
    return "[" + ", ".join(names) + "]" if names else "none"


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, object keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def expect_no_secret(reply: Reply, secret: str, what: str) -> Reply:
    """Check that ``secret`` appears nowhere in the response: its JSON (parsed, so escapes count), text or headers.

    ``what`` names the secret for the message ("the password sent in the
    request"); the secret itself is never shown.
    """
    __tracebackhide__ = True
    where = None
    if reply.response.is_json and reply.json is not None:
        if any(secret in text for text in strings_in(reply.json)):
            where = "its JSON body"
    if where is None and secret in reply.text:
        where = "its body"
    if where is None and any(secret in f"{k}: {v}" for k, v in reply.headers.items()):
        where = "its headers"
    if where is not None:
        raise CheckFailed(
            f"{reply.label}\n  expected: a response that does not contain {what}\n"
            f"  got:      {reply.response.status} with {what} in {where}"
        )
    passed(f"{reply.label}: no {what} in the response")
    return reply


def _parse(reply: Reply) -> Element:
    __tracebackhide__ = True
    if reply.response.mimetype != "text/html":
        raise reply._fail("an HTML page (Content-Type: text/html) with a form")
    return parse_html(reply.text)


def form_methods(reply: Reply) -> list[str]:
    """The method of every ``<form>`` of an HTML page, lower case (``"get"`` when it names none)."""
    __tracebackhide__ = True
    return [(form.attrs.get("method") or "get").lower() for form in _parse(reply).find_all("form")]


def form_inputs(reply: Reply) -> dict[str, str]:
    """The ``name`` and ``value`` of every ``<input>`` of an HTML page (the first of each name).

    Parsed as ``autograder.pages`` parses a page, so quoting, attribute order and
    character references do not matter, and of an attribute given twice the
    first counts, as in a browser. Raises ``CheckFailed`` when the page is not HTML.
    """
    __tracebackhide__ = True
    values: dict[str, str] = {}
    for field in _parse(reply).find_all("input"):
        name = field.attrs.get("name")
        if name and name not in values:
            values[name] = field.attrs.get("value") or ""
    return values

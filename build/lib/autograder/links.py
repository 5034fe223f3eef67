"""Read the ``Link`` header of a response (RFC 8288) and follow its links.

Pagination exercises answer ``Link: </items?cursor=abc>; rel="next"``. A test
must not compare that header as text: the target may be relative or absolute,
``rel`` may be quoted or not, hold several relation types (``rel="next last"``)
or come in another case, there may be several links in one header or several
``Link`` headers, and a target may contain commas or semicolons::

    from autograder.links import link_target, request_target
    next_url = link_target(reply, "next")        # None when there is no such link
    page = app.get(request_target(next_url))     # path and query, for the test client

Nothing here returns a boolean for a test cell to end on.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

__all__ = ["link_target", "links_of", "parse_link_header", "request_target", "walk_pages"]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _read_token(text: str, i: int, stops: str) -> tuple[str, int]:
    start = i
    while i < len(text) and text[i] not in stops:
        i += 1
    return text[start:i].strip(), i


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    """Read a quoted string starting at ``text[i] == '"'``; return its value and the index after it."""
    out = []
    i += 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if char == '"':
            return "".join(out), i + 1
        out.append(char)
        i += 1
    raise ValueError("unterminated quoted string")


def parse_link_header(value: str) -> list[tuple[str, dict[str, str]]]:
    """Parse one ``Link`` field value into ``[(target, params), ...]``.

    Parameter names are lower-cased; the first occurrence of a parameter wins
    (RFC 8288 section 3). Raises ``ValueError`` for a malformed value.
    """
    links: list[tuple[str, dict[str, str]]] = []
    i = 0
    while True:
        i = _skip_space(value, i)
        while i < len(value) and value[i] == ",":
            i = _skip_space(value, i + 1)
        if i >= len(value):
            return links
        if value[i] != "<":
            raise ValueError(f"a link must start with '<' at position {i}")
        end = value.find(">", i + 1)
        if end < 0:
            raise ValueError("a link's '<' has no closing '>'")
        target = value[i + 1:end].strip()
        params: dict[str, str] = {}
        i = _skip_space(value, end + 1)
        while i < len(value) and value[i] == ";":
            i = _skip_space(value, i + 1)
            name, i = _read_token(value, i, "=;,")
            param_value = ""
            i = _skip_space(value, i)
            if i < len(value) and value[i] == "=":
                i = _skip_space(value, i + 1)
                if i < len(value) and value[i] == '"':
                    param_value, i = _read_quoted(value, i)
                else:
                    param_value, i = _read_token(value, i, ";,")
            i = _skip_space(value, i)
            if name:
                params.setdefault(name.lower(), param_value)
        if i < len(value) and value[i] != ",":
            raise ValueError(f"unexpected {value[i]!r} at position {i}")
        links.append((target, params))


def links_of(headers: Any) -> list[tuple[str, dict[str, str]]]:
    """Every link of every ``Link`` header of a response (a Werkzeug ``Headers`` or a ``Reply``)."""
    headers = getattr(headers, "headers", headers)
    found: list[tuple[str, dict[str, str]]] = []
    for value in headers.getlist("Link"):
        found.extend(parse_link_header(value))
    return found


def link_target(reply: Any, rel: str) -> str | None:
    """The target of the first link whose ``rel`` lists ``rel`` (case-insensitive), or ``None``.

    A malformed ``Link`` header raises ``CheckFailed`` naming the request.
    """
    from ._guard import CheckFailed

    try:
        links = links_of(reply)
    except ValueError as exc:
        label = getattr(reply, "label", "the request")
        raise CheckFailed(
            f"{label} answered a Link header that is not valid (RFC 8288: <URL>; rel=\"next\"): {exc}. "
            f"Got Link: {reply.headers.getlist('Link')!r}"
        ) from None
    wanted = rel.lower()
    for target, params in links:
        if wanted in params.get("rel", "").lower().split():
            return target
    return None


def request_target(url: str) -> str:
    """The path and query of ``url`` (absolute or relative), for the test client."""
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _same_url(first: str, second: str) -> bool:
    a, b = urlsplit(first), urlsplit(second)
    return a.path == b.path and parse_qs(a.query, keep_blank_values=True) == parse_qs(b.query, keep_blank_values=True)


def walk_pages(
    probe: Any,
    first: str,
    *,
    page_size: int | None = None,
    items_key: str = "items",
    next_key: str | None = "next",
    max_pages: int = 60,
) -> list[list[Any]]:
    """GET ``first``, then follow each page's ``rel="next"`` link until a page has none.

    Returns the pages' item lists. Each page must answer 200 with a JSON object
    holding a list under ``items_key``; when ``next_key`` is given the body's
    ``next_key`` member must be the same URL as the ``Link`` (compared by path
    and query, so relative and absolute both pass), or ``null`` on the last
    page. With ``page_size``, no page holds more items, and every page that
    links on is full (an empty last page after a full one is allowed).
    """
    from ._guard import CheckFailed

    pages: list[list[Any]] = []
    target, visited = first, []
    for _ in range(max_pages):
        visited.append(target)
        reply = probe.get(target)
        reply.expect(200, is_json=True, why="a page of the listing")
        body = reply.json
        if not isinstance(body, dict) or not isinstance(body.get(items_key), list):
            raise CheckFailed(
                f"{reply.label}\n  expected: a JSON object with a list in {items_key!r}\n  got:      {reply.describe()}"
            )
        page = body[items_key]
        link = link_target(reply, "next")
        if next_key is not None:
            if next_key not in body:
                raise CheckFailed(f"{reply.label} answered a page without a {next_key!r} member: {reply.describe()}")
            field = body[next_key]
            if link is None and field is not None:
                raise CheckFailed(
                    f"{reply.label} has no Link header with rel=\"next\", but its {next_key!r} member is "
                    f"{field!r}: both should say whether a next page exists (null when none)."
                )
            if link is not None and (not isinstance(field, str) or not _same_url(field, link)):
                raise CheckFailed(
                    f"{reply.label} links rel=\"next\" to {link!r}, but its {next_key!r} member is {field!r}: "
                    "they should be the same URL."
                )
        if page_size is not None and len(page) > page_size:
            raise CheckFailed(
                f"{reply.label} answered {len(page)} items; the page size is {page_size}: {reply.describe()}"
            )
        if page_size is not None and link is not None and len(page) < page_size:
            raise CheckFailed(
                f"{reply.label} answered only {len(page)} of {page_size} items but links to a next page: "
                "only the last page may be short."
            )
        pages.append(page)
        if link is None:
            return pages
        if not page:
            raise CheckFailed(f"{reply.label} answered an empty page that links to yet another page ({link!r}).")
        target = request_target(link)
        if target in visited:
            raise CheckFailed(f"{reply.label} links rel=\"next\" back to a page already read ({target}).")
    raise CheckFailed(f"following rel=\"next\" links from {first} did not end after {max_pages} pages.")

"""Check security headers, CORS answers and rate-limit refusals (exercise 10).

Headers are parsed, never compared as raw text: a Content-Security-Policy is
read as directives (werkzeug's parser), HSTS as its directives, comma lists
(``Vary``, ``Access-Control-Allow-Methods``) as sets of case-insensitive
tokens::

    from autograder import check_app
    from autograder.headers import expect_security_headers, expect_cors_allowed
    app = check_app(create_app)
    expect_security_headers(app.get("/sailings"))
    expect_cors_allowed(app.get("/sailings", headers={"Origin": "https://a.example"}), "https://a.example")

Like every check, each helper raises ``CheckFailed`` and never returns a boolean.
"""

from __future__ import annotations

from collections.abc import Iterable

from werkzeug.http import parse_csp_header, parse_date

from ._record import passed
from .probe import Reply

__all__ = [
    "ONE_YEAR",
    "csp_directives",
    "expect_cors_allowed",
    "expect_cors_refused",
    "expect_preflight",
    "expect_preflight_refused",
    "expect_rate_limited",
    "expect_same_security_headers",
    "expect_security_headers",
    "hsts_directives",
    "tokens",
]

ONE_YEAR = 31_536_000
FRAME_OPTIONS = {"deny", "sameorigin"}
FRAME_ANCESTORS = ({"'none'"}, {"'self'"})


def tokens(reply: Reply, name: str) -> set[str]:
    """The comma-separated tokens of every ``name`` header, lower-cased."""
    found: set[str] = set()
    for value in reply.headers.getlist(name):
        found.update(t.strip().lower() for t in value.split(",") if t.strip())
    return found


def csp_directives(reply: Reply) -> dict[str, set[str]]:
    """The directives of every Content-Security-Policy header: name -> its source list (lower-cased).

    A directive in several policies keeps the sources of each (a browser
    enforces every policy, so any one of them is enough for ``'none'``).
    """
    directives: dict[str, set[str]] = {}
    for value in reply.headers.getlist("Content-Security-Policy"):
        for name, sources in parse_csp_header(value).items():
            key = name.strip().lower()
            if key and key not in directives:
                directives[key] = {s.lower() for s in sources.split()}
    return directives


def hsts_directives(reply: Reply) -> dict[str, str | None]:
    """The directives of the first Strict-Transport-Security header (RFC 6797: the UA uses the first)."""
    value = reply.headers.get("Strict-Transport-Security")
    directives: dict[str, str | None] = {}
    if value is None:
        return directives
    for part in value.split(";"):
        name, sep, arg = part.partition("=")
        name = name.strip().lower()
        if name:
            directives.setdefault(name, arg.strip().strip('"') if sep else None)
    return directives


def _frame_protected(reply: Reply, csp: dict[str, set[str]]) -> bool:
    xfo = reply.headers.get("X-Frame-Options", "").strip().lower()
    return xfo in FRAME_OPTIONS or csp.get("frame-ancestors") in FRAME_ANCESTORS


def expect_security_headers(reply: Reply, *, hsts_max_age: int | None = None, why: str | None = None) -> None:
    """The four protections of exercise 10 on one response.

    - ``Content-Security-Policy`` whose ``default-src`` is exactly ``'none'``;
    - frame protection: ``X-Frame-Options`` ``DENY`` or ``SAMEORIGIN``, or a
      CSP ``frame-ancestors`` of ``'none'`` or ``'self'``;
    - ``X-Content-Type-Options: nosniff``;
    - ``Strict-Transport-Security`` with ``max-age`` equal to ``hsts_max_age``
      when given, else at least one year; other directives are allowed.
    """
    __tracebackhide__ = True
    csp = csp_directives(reply)
    if csp.get("default-src") != {"'none'"}:
        raise reply._fail(
            "a Content-Security-Policy header whose default-src directive is 'none'", why,
            header="Content-Security-Policy",
        )
    if not _frame_protected(reply, csp):
        raise reply._fail(
            "frame protection: X-Frame-Options DENY or SAMEORIGIN, or a Content-Security-Policy "
            "frame-ancestors directive of 'none' or 'self' (default-src does not cover framing)",
            why, header="X-Frame-Options",
        )
    if reply.headers.get("X-Content-Type-Options", "").strip().lower() != "nosniff":
        raise reply._fail("header X-Content-Type-Options: nosniff", why, header="X-Content-Type-Options")
    max_age = hsts_directives(reply).get("max-age")
    try:
        seconds = int(max_age) if max_age is not None and max_age.isdigit() else None
    except ValueError:  # pragma: no cover - isdigit() admits some non-ASCII digits
        seconds = None
    if hsts_max_age is not None:
        ok = seconds == hsts_max_age
        want = f"a Strict-Transport-Security header with max-age={hsts_max_age} (the app's HSTS_MAX_AGE)"
    else:
        ok = seconds is not None and seconds >= ONE_YEAR
        want = f"a Strict-Transport-Security header with a max-age of at least {ONE_YEAR} (one year)"
    if not ok:
        raise reply._fail(want, why, header="Strict-Transport-Security")
    passed(f"{reply.label} -> {reply.response.status} with the security headers")


SECURITY_HEADERS = ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Strict-Transport-Security")


def _security_view(reply: Reply, name: str) -> object:
    """One security header as it means, not as it is spelled."""
    if name == "Content-Security-Policy":
        return csp_directives(reply) or None
    if name == "Strict-Transport-Security":
        return hsts_directives(reply) or None
    value = reply.headers.get(name)
    return None if value is None else value.strip().lower()


def expect_same_security_headers(reply: Reply, reference: Reply, *, why: str | None = None) -> None:
    """``reply`` carries the security headers ``reference`` carries, with the same meaning.

    For "every response gets the headers" without judging the headers again:
    the reference is a successful response of the same app. It must carry at
    least one of the four headers, or there is nothing to compare.
    """
    __tracebackhide__ = True
    present = [name for name in SECURITY_HEADERS if _security_view(reference, name) is not None]
    if not present:
        raise reference._fail(f"at least one of the security headers of task 1 ({', '.join(SECURITY_HEADERS)})")
    for name in present:
        if _security_view(reply, name) != _security_view(reference, name):
            raise reply._fail(
                f"header {name}: {reference.headers.get(name)} (the value {reference.label} carries)",
                why, header=name,
            )
    passed(f"{reply.label} -> {reply.response.status} with the same security headers")


def _expect_origin_echoed(reply: Reply, origin: str, why: str | None, vary: bool) -> None:
    __tracebackhide__ = True
    got = reply.headers.getlist("Access-Control-Allow-Origin")
    if got != [origin]:
        raise reply._fail(
            f"one Access-Control-Allow-Origin header equal to the request's origin, {origin} "
            "(not *: the API allows credentials)", why, header="Access-Control-Allow-Origin",
        )
    if reply.headers.get("Access-Control-Allow-Credentials", "").strip().lower() != "true":
        raise reply._fail(
            "Access-Control-Allow-Credentials: true", why, header="Access-Control-Allow-Credentials",
        )
    if vary and "origin" not in tokens(reply, "Vary"):
        raise reply._fail(
            "a Vary header that lists Origin (the answer depends on the Origin header)", why, header="Vary",
        )


def expect_cors_allowed(reply: Reply, origin: str, *, vary: bool = True, why: str | None = None) -> None:
    """An answer to an allowed origin: the origin echoed, credentials allowed, ``Vary: Origin``.

    ``vary=False`` leaves ``Vary`` out of the check (a visible test that leaves it to the hidden ones).
    """
    __tracebackhide__ = True
    _expect_origin_echoed(reply, origin, why, vary)
    passed(f"{reply.label} from {origin} -> allowed")


def expect_cors_refused(reply: Reply, *, why: str | None = None) -> None:
    """An answer to an origin that is not allowed (or no origin): no ``Access-Control-Allow-Origin``."""
    __tracebackhide__ = True
    if "Access-Control-Allow-Origin" in reply.headers:
        raise reply._fail("no Access-Control-Allow-Origin header", why, header="Access-Control-Allow-Origin")
    passed(f"{reply.label} -> no CORS permission")


def expect_preflight(
    reply: Reply, origin: str, method: str, *, request_headers: Iterable[str] = (),
    forbidden_methods: Iterable[str] = (), vary: bool = True, why: str | None = None,
) -> None:
    """A preflight that allows ``method`` (and ``request_headers``) from ``origin``.

    Status 200 or 204; the origin echoed with credentials and ``Vary: Origin``
    (unless ``vary=False``);
    ``Access-Control-Allow-Methods`` lists ``method`` and none of
    ``forbidden_methods``; ``Access-Control-Allow-Headers`` lists every
    requested header (case-insensitive).
    """
    __tracebackhide__ = True
    reply._verify((200, 204), why=why)
    _expect_origin_echoed(reply, origin, why, vary)
    methods = {m.upper() for m in tokens(reply, "Access-Control-Allow-Methods")}
    if method.upper() not in methods:
        raise reply._fail(
            f"Access-Control-Allow-Methods listing {method.upper()}", why, header="Access-Control-Allow-Methods",
        )
    extra = sorted(methods & {m.upper() for m in forbidden_methods})
    if extra:
        raise reply._fail(
            f"Access-Control-Allow-Methods without {', '.join(extra)} (not an allowed method)", why,
            header="Access-Control-Allow-Methods",
        )
    allowed_headers = tokens(reply, "Access-Control-Allow-Headers")
    missing = [h for h in request_headers if h.lower() not in allowed_headers]
    if missing:
        raise reply._fail(
            f"Access-Control-Allow-Headers listing {', '.join(missing)}", why, header="Access-Control-Allow-Headers",
        )
    passed(f"{reply.label} from {origin} -> preflight allows {method.upper()}")


def expect_preflight_refused(reply: Reply, method: str, *, why: str | None = None) -> None:
    """A preflight that does not allow ``method``.

    Either no ``Access-Control-Allow-Origin`` at all, or one whose
    ``Access-Control-Allow-Methods`` does not list ``method``: a browser
    refuses the request in both cases. The status is not checked.
    """
    __tracebackhide__ = True
    if "Access-Control-Allow-Origin" in reply.headers:
        methods = {m.upper() for m in tokens(reply, "Access-Control-Allow-Methods")}
        if method.upper() in methods or "*" in methods:
            raise reply._fail(
                f"no Access-Control-Allow-Origin header, or an Access-Control-Allow-Methods that does not "
                f"allow {method.upper()}", why, header="Access-Control-Allow-Methods",
            )
    passed(f"{reply.label} -> preflight refuses {method.upper()}")


def expect_rate_limited(reply: Reply, *, max_seconds: int | None = None, why: str | None = None) -> None:
    """A 429 with a usable ``Retry-After``: whole seconds (at least 1, at most ``max_seconds``) or an HTTP date."""
    __tracebackhide__ = True
    reply._verify(429, why=why)
    value = (reply.headers.get("Retry-After") or "").strip()
    if value.isdigit():
        ok = int(value) >= 1 and (max_seconds is None or int(value) <= max_seconds)
    else:
        ok = bool(value) and parse_date(value) is not None
    if not ok:
        bound = f"between 1 and {max_seconds} seconds" if max_seconds is not None else "a whole number of seconds"
        raise reply._fail(f"a Retry-After header: {bound}, or an HTTP date", why, header="Retry-After")
    passed(f"{reply.label} -> 429 with Retry-After: {value}")

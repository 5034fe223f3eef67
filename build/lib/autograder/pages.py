"""Read HTML pages the way a browser's parser would, for template and XSS exercises (11).

Test cells parse a page with :func:`expect_page` and look at its elements,
never at its bytes, so any correct markup passes::

    from autograder.pages import expect_page, script_risks
    page = expect_page(app.get("/events"))
    cards = page.find_all("li", class_="event")
    assert not script_risks(page), ...

The parser is the standard library's ``html.parser``: attribute values and text
come back with character references decoded, ``<script>`` and ``<style>``
content comes back raw, as a browser sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from ._guard import CheckFailed

__all__ = ["Element", "expect_page", "parse_html", "script_risks", "unsafe_url"]

VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)
# Attributes whose value a browser follows as a URL (and runs when it is javascript:).
URL_ATTRIBUTES = frozenset(
    "href src action formaction xlink:href data poster background srcdoc".split()
)
# Script types a browser does not run (data blocks).
_DATA_SCRIPT_TYPES = ("application/json", "application/ld+json", "text/plain", "text/template")
_RUNNABLE_SCHEMES = ("javascript:", "vbscript:", "data:")
_DATA_DOCUMENT_TAGS = frozenset("a area iframe frame form button input object embed".split())


class Element:
    """One element of a parsed page: ``tag``, ``attrs`` (first value of each name), ``children``."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None = None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def __repr__(self) -> str:
        shown = "".join(f" {k}" if v is None else f' {k}="{v}"' for k, v in self.attrs.items())
        return f"<{self.tag}{shown}>"

    def get(self, name: str, default: Any = None) -> Any:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """All text inside the element, decoded, as one string."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Element]:
        """Every element below this one, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, *, class_: str | None = None, **attrs: str) -> list[Element]:
        """Elements below this one with the tag, a class among their classes, and these attribute values.

        Attribute names with ``-`` are given with ``_`` (``data_id="3"`` means ``data-id``).
        """
        wanted = {k.replace("_", "-"): v for k, v in attrs.items()}
        return [
            e for e in self.iter()
            if (tag is None or e.tag == tag)
            and (class_ is None or class_ in e.classes)
            and all(e.attrs.get(k) == v for k, v in wanted.items())
        ]

    def find(self, tag: str | None = None, *, class_: str | None = None, **attrs: str) -> Element | None:
        found = self.find_all(tag, class_=class_, **attrs)
        return found[0] if found else None

    def elements(self) -> list[Element]:
        """The child elements (no text)."""
        return [c for c in self.children if isinstance(c, Element)]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept: dict[str, str | None] = {}
        for name, value in attrs:
            kept.setdefault(name, value)  # a browser keeps the first of duplicate attributes
        element = Element(tag, kept, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Element:
    """Parse ``text`` into a tree of :class:`Element`; the root's tag is ``#document``."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def expect_page(reply: Any, status: int = 200, why: str | None = None) -> Element:
    """Check that ``reply`` (an ``autograder`` Reply) is an HTML page with ``status``; return it parsed."""
    __tracebackhide__ = True
    reply.expect(status, why=why)
    if reply.response.mimetype != "text/html":
        reason = f" ({why})" if why else ""
        raise CheckFailed(
            f"{reply.label}\n  expected: an HTML page (Content-Type: text/html){reason}\n"
            f"  got:      {reply.describe()}"
        )
    return parse_html(reply.text)


def unsafe_url(value: str) -> bool:
    """True when a browser following ``value`` would run it (javascript:, vbscript:, data:).

    Browsers drop leading control characters and spaces and every tab and
    newline of a URL, and compare schemes case-insensitively.
    """
    return _cleaned(value).startswith(_RUNNABLE_SCHEMES)


def _cleaned(value: str) -> str:
    cleaned = value.lstrip("".join(chr(c) for c in range(0x21)))
    return cleaned.replace("\t", "").replace("\n", "").replace("\r", "").lower()


def script_risks(root: Element) -> list[str]:
    """Describe every place of the page where a browser would run script.

    A ``<script>`` element that is not a data block (``type="application/json"``
    and the like) counts, and so do event-handler attributes (``onerror=``),
    ``javascript:``/``data:`` URLs in URL attributes, ``<iframe srcdoc>`` and
    ``<object>``/``<embed>`` elements. An empty list means none was found.
    """
    risks: list[str] = []
    for element in root.iter():
        if element.tag == "script":
            kind = (element.get("type") or "").split(";")[0].strip().lower()
            if kind not in _DATA_SCRIPT_TYPES:
                risks.append(f"a <script> element ({_short(element.text())!r})")
        if element.tag in ("object", "embed"):
            risks.append(f"an <{element.tag}> element")
        for name, value in element.attrs.items():
            if name.startswith("on"):
                risks.append(f"an event handler attribute {name}={value!r} on <{element.tag}>")
            elif name == "srcdoc":
                risks.append(f"a srcdoc attribute on <{element.tag}>")
            elif name in URL_ATTRIBUTES and value is not None and unsafe_url(value):
                # data: runs only where it becomes a document (a link, a frame, a form);
                # <img src="data:..."> and <link rel="icon" href="data:,"> do not.
                if _cleaned(value).startswith("data:") and element.tag not in _DATA_DOCUMENT_TAGS:
                    continue
                risks.append(f"a runnable URL {name}={value!r} on <{element.tag}>")
    return risks


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."

"""The exporter of the feedback pages nbgrader's generate_feedback writes.

nbconvert's ``HTMLExporter`` renders a page, then parses all of it with
BeautifulSoup, only to give ``<img>`` elements without ``alt`` a placeholder
text and to make JupyterLab-template cells focusable, and serialises it again.
nbgrader's feedback pages use the classic template and our exercises draw no
images, so that pass changes nothing a reader sees, yet it is 60% of
generate_feedback's CPU (``bench/feedback.py``). ``FeedbackHTMLExporter``
renders exactly as ``HTMLExporter`` does and runs nbconvert's pass only on a
page that has an element it edits; ``tests/test_feedback_html.py`` proves
both pages parse to the same document.
"""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter, TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter
from nbformat import NotebookNode

#: What nbconvert's pass edits: images (alt text) and JupyterLab-template cells (tabindex).
_EDITED = re.compile(r"<img\b|jp-Notebook", re.IGNORECASE)


def accessibility_pass(html: str, log: Any = None) -> str:
    """nbconvert's own post-processing of an HTML page (``HTMLExporter.from_notebook_node``, nbconvert 7.17)."""
    soup = BeautifulSoup(html, features="html.parser")
    missing_alt = 0
    for elem in soup.select("img:not([alt])"):
        elem.attrs["alt"] = "No description has been provided for this image"
        missing_alt += 1
    if missing_alt and log is not None:
        log.warning("Alternative text is missing on %s image(s).", missing_alt)
    for elem in soup.select(".jp-Notebook div.jp-Cell-inputWrapper"):
        elem.attrs["tabindex"] = "0"
    for elem in soup.select(".jp-Notebook div.jp-OutputArea-output"):
        elem.attrs["tabindex"] = "0"
    return str(soup)


class FeedbackHTMLExporter(HTMLExporter):
    """``HTMLExporter`` that skips its BeautifulSoup pass on pages the pass would leave as they are."""

    def from_notebook_node(  # type: ignore[override]
        self, nb: NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        # The filters HTMLExporter.from_notebook_node registers before it renders.
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(notebook_metadata=self._nb_metadata, parent=self, resources=resources)
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        if _EDITED.search(html):
            html = accessibility_pass(html, self.log)
        return html, resources

"""The feedback exporter renders what nbconvert's HTMLExporter renders, without its parse when it adds nothing."""

from __future__ import annotations

import base64
from pathlib import Path

import nbformat
import pytest
from bs4 import BeautifulSoup
from nbconvert.exporters import HTMLExporter
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from traitlets.config import Config

import flasklab.feedback_html
from flasklab.course import nbgrader_config
from flasklab.feedback_html import FeedbackHTMLExporter

ROOT = Path(__file__).resolve().parents[1]
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082"
)).decode()


def _graded(cell, grade_id: str, points: float, score: float):
    cell.metadata["nbgrader"] = {"grade": True, "grade_id": grade_id, "points": points, "score": score,
                                 "solution": False, "locked": True, "schema_version": 3}
    return cell


def notebook(*, image: bool = False, raw_img: bool = False):
    outputs = [
        new_output("stream", name="stdout", text="ok GET /notes -> 200\n<not a tag> & 'quotes'\n"),
        new_output("error", ename="AssertionError", evalue="expected: status 201", traceback=[
            "\x1b[0;31mAssertionError\x1b[0m: expected: status 201 (got 200)"]),
    ]
    if image:
        outputs.append(new_output("display_data", data={"image/png": PNG, "text/plain": "<Figure>"}))
    if raw_img:
        outputs.append(new_output("execute_result", execution_count=3,
                                  data={"text/html": "<p>see <IMG src='x.png'></p>", "text/plain": "x"}))
    cells = [
        new_markdown_cell("## Task 1\n\nReturn `201` with a `Location` header, *not* `200`.<br>\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        new_code_cell("def create_app():\n    return Flask(__name__)  # <b>not bold</b>", execution_count=1),
        _graded(new_code_cell("check('task1')", execution_count=2, outputs=outputs), "task1_visible", 2, 0),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["language_info"] = {"name": "python", "pygments_lexer": "ipython3"}
    return nb


def feedback_config() -> Config:
    """The HTMLExporter settings nbgrader's GenerateFeedback gives the exporter, with the project's config."""
    import nbgrader

    formgrader = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader"
    config = Config(nbgrader_config(ROOT))
    config.HTMLExporter.template_name = "feedback"
    config.HTMLExporter.extra_template_basedirs = [str(formgrader / "templates")]
    config.HTMLExporter.extra_template_paths = [str(formgrader / "static" / "node_modules" / "bootstrap" / "dist" / "css")]
    return config


RESOURCES = {"nbgrader": {"notebook": "routes", "score": 0.0, "max_score": 2.0, "late_penalty": 0.0}}


def render(exporter_class, nb, config: Config, template: str | None = None) -> str:
    if template:
        config = Config(config)
        config.HTMLExporter.template_name = template
    html, _ = exporter_class(config=config).from_notebook_node(nb, resources={k: dict(v) for k, v in RESOURCES.items()})
    return html


def test_the_project_config_names_the_feedback_exporter():
    from nbgrader.converters import GenerateFeedback

    converter = GenerateFeedback(config=nbgrader_config(ROOT))
    assert converter.exporter_class is FeedbackHTMLExporter


def test_a_feedback_page_is_the_page_nbconvert_renders_without_reparsing_it(monkeypatch):
    config = feedback_config()
    nb = notebook()
    theirs = render(HTMLExporter, nb, config)

    def no_parse(*args, **kwargs):
        raise AssertionError("the page was parsed although it has nothing the pass edits")

    monkeypatch.setattr(flasklab.feedback_html, "BeautifulSoup", no_parse)
    ours = render(FeedbackHTMLExporter, nb, config)
    assert "Score: 0.0 / 2.0" in ours and "expected: status 201 (got 200)" in ours
    # nbconvert's page is ours parsed and serialised again: the same document, byte for byte.
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


@pytest.mark.parametrize(("case", "template"), [
    ("an image output", None), ("an <IMG> in HTML output", None), ("the JupyterLab template", "lab"),
])
def test_a_page_the_pass_edits_is_nbconverts_exactly(case, template):
    nb = notebook(image=case == "an image output", raw_img=case == "an <IMG> in HTML output")
    config = feedback_config()
    ours = render(FeedbackHTMLExporter, nb, config, template)
    assert ours == render(HTMLExporter, nb, config, template)
    if template == "lab":
        assert 'tabindex="0"' in ours
    else:
        assert 'alt="No description has been provided for this image"' in ours


def test_a_written_notebook_renders_the_same_from_a_file(tmp_path):
    """nbgrader's converter reads each autograded notebook from a file: from_filename takes the same path."""
    path = tmp_path / "routes.ipynb"
    nbformat.write(notebook(), str(path))
    config = feedback_config()
    ours, _ = FeedbackHTMLExporter(config=config).from_filename(str(path), resources={k: dict(v) for k, v in RESOURCES.items()})
    theirs, _ = HTMLExporter(config=config).from_filename(str(path), resources={k: dict(v) for k, v in RESOURCES.items()})
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs

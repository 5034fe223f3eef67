"""The reports in real headless Chromium, opened from disk as a panel opens them: offline, no server."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report_run import EVIL_ANSWER, sample_run  # noqa: E402

from flasklab.report import write_reports  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def watched(page: Page):
    """The page, recording console errors (a blocked script or image shows there) and any alert."""
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page, problems


def order(page: Page) -> list[str]:
    return page.locator("#candidates tbody tr").evaluate_all("rows => rows.map(r => r.dataset.candidate)")


def sort_by(page: Page, column: str) -> None:
    # Any case: CSS upper-cases the headers, and Chromium may keep that in accessible names.
    name = re.compile(rf"^{re.escape(column)}$", re.I)
    page.locator("#candidates thead").get_by_role("button", name=name).click()


def test_clicking_a_column_header_sorts_the_candidates(watched, tmp_path):
    page, problems = watched
    write_reports(sample_run(), tmp_path)
    page.goto((tmp_path / "index.html").as_uri())
    expect(page.locator("h1")).to_have_text("Candidates")
    assert order(page) == ["alice", "bob", "carol"]

    # Numbers sort high to low first; a second click reverses.
    sort_by(page, "Flags")
    assert order(page) == ["carol", "bob", "alice"]
    expect(page.locator("#candidates th", has_text="Flags")).to_have_attribute("aria-sort", "descending")
    sort_by(page, "Flags")
    assert order(page) == ["alice", "bob", "carol"]

    sort_by(page, "Total")
    assert order(page) == ["alice", "bob", "carol"]
    sort_by(page, "Total")
    assert order(page) == ["carol", "bob", "alice"]

    # carol did no exercise on request context: she stays last either way.
    sort_by(page, "request context")
    assert order(page) == ["alice", "bob", "carol"]
    sort_by(page, "request context")
    assert order(page) == ["bob", "alice", "carol"]

    sort_by(page, "Candidate")
    assert order(page) == ["alice", "bob", "carol"]
    sort_by(page, "Candidate")
    assert order(page) == ["carol", "bob", "alice"]
    page.screenshot(path=str(tmp_path / "index-sorted.png"), full_page=True)
    assert problems == []


def test_a_flagged_candidate_shows_its_flags_in_the_index_and_on_its_page(watched, tmp_path):
    page, problems = watched
    write_reports(sample_run(), tmp_path)
    page.goto((tmp_path / "index.html").as_uri())
    carol = page.locator("tr[data-candidate=carol]")
    expect(carol.locator(".badge")).to_have_text("2 flags")
    expect(carol.get_by_text("code cell 3, line 2: import nbgrader")).to_be_visible()
    expect(page.locator("tr[data-candidate=alice] .badge")).to_have_count(0)

    carol.get_by_role("link", name="carol").click()
    expect(page).to_have_url((tmp_path / "candidates" / "carol.html").as_uri())
    flags = page.locator("#flags")
    expect(flags).to_be_visible()
    expect(flags).to_contain_text("integrity: code cell 3, line 2: import nbgrader")
    expect(flags).to_contain_text("unmatched: notes.ipynb")

    chart = page.locator("img#topic-chart")
    expect(chart).to_be_visible()
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0
    # The candidate's answer shows as the text they typed; its script never ran.
    expect(page.locator("#answer-01_routing-task6 .candidate-answer .md")).to_have_text(EVIL_ANSWER)
    page.screenshot(path=str(tmp_path / "carol.png"), full_page=True)
    assert problems == []


def test_every_page_shows_the_unsafe_warning_when_grading_ran_without_the_sandbox(watched, tmp_path):
    page, problems = watched
    write_reports(sample_run(unsafe=True), tmp_path)
    for path in (tmp_path / "index.html", tmp_path / "candidates" / "bob.html"):
        page.goto(path.as_uri())
        expect(page.locator("#unsafe-warning")).to_be_visible()
        expect(page.locator("#unsafe-warning")).to_contain_text("WITHOUT the sandbox")
    chart = page.locator("img#topic-chart")
    assert chart.evaluate("img => img.complete && img.naturalWidth") > 0
    page.screenshot(path=str(tmp_path / "bob-unsafe.png"), full_page=True)
    assert problems == []

"""`flasklab guide TRACK`: one page per track, with only the tasks of each part, escaped and printable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from markdown_it import MarkdownIt

import harness
from flasklab.build import parse
from flasklab.catalogue import load_exercise
from flasklab.cli import main
from flasklab.guide import load_guide, written_answers
from flasklab.tracks import project_tracks

ROOT = harness.ROOT
TRACKS = {t.id: t for t in project_tracks(ROOT)}


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, BeautifulSoup]:
    """Every track's guide page, written once by the command, from the project root."""
    out = tmp_path_factory.mktemp("guides")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        found = {}
        for track in TRACKS:
            result = run("guide", track, "--out", str(out / f"{track}.html"))
            assert result.exit_code == 0, result.output
            assert result.output.strip() == str(out / f"{track}.html")
            found[track] = BeautifulSoup((out / f"{track}.html").read_text(encoding="utf-8"), "html.parser")
    return found


def guides_of(exercise: str):
    ex = load_exercise(ROOT / "exercises" / exercise)
    notebooks = {script.stem: parse(script, ex) for script in ex.notebooks}
    return load_guide(ex, notebooks), notebooks


def test_there_are_tracks_of_both_formats_and_a_partial_part():
    """The tests below need a live and a take-home track, and a part that leaves tasks out."""
    assert {t.format for t in TRACKS.values()} == {"live", "take-home"}
    assert any(p.partial for t in TRACKS.values() for p in t.parts)


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_every_track_renders_its_header_plan_and_parts(pages, track_id):
    """Does each page say what the track is, plan its minutes part by part, and show every part?"""
    track, page = TRACKS[track_id], pages[track_id]
    assert page.title.get_text() == f"Interviewer guide: {track.title}"
    assert text(page.h1) == track.title
    assert (text(page.select_one("#level")), text(page.select_one("#format"))) == (track.level, track.format)
    assert text(page.select_one("#summary")) == track.summary
    rows = page.select("#plan tr.plan-part")
    assert [int(text(row.select("td")[1])) for row in rows] == [p.minutes for p in track.parts]
    assert [row.select_one("code").get_text() for row in rows] == track.exercises
    follow = page.select_one("#plan tr.plan-followup")
    assert int(text(follow.select("td")[1])) == track.followup_minutes
    assert text(page.select_one("#plan tfoot td.num")) == str(track.minutes)
    assert [s["data-exercise"] for s in page.select("section.part")] == track.exercises


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_each_part_shows_exactly_its_tasks_with_every_section(pages, track_id):
    """Every task of a part, and no other, has its levels, mistakes and follow-up questions."""
    track, page = TRACKS[track_id], pages[track_id]
    for part in track.parts:
        guide, _ = guides_of(part.exercise)
        shown = page.select(f'article.task[data-exercise="{part.exercise}"]')
        assert [a["data-task"] for a in shown] == list(part.tasks)
        for article in shown:
            section = guide.tasks[article["data-task"]]
            assert [text(h) for h in article.select(".levels h4")] == ["Strong", "Adequate", "Weak"]
            assert [text(h) for h in article.select(".mistakes h5")] == [
                text(BeautifulSoup(f"<p>{_inline(m.title)}</p>", "html.parser")) for m in section.mistakes]
        asked = page.select(f'#followup .followup-task[data-exercise="{part.exercise}"]')
        assert [q["data-task"] for q in asked] == list(part.tasks)
        for block in asked:
            questions = guide.tasks[block["data-task"]].followups
            assert len(block.select("ol.questions > li")) == len(questions)
            assert all("Good answer:" in text(li) for li in block.select("ol.questions > li"))


def _inline(markdown: str) -> str:
    return MarkdownIt("commonmark").renderInline(markdown)


def _render(markdown: str) -> str:
    return MarkdownIt("commonmark").render(markdown)


def test_a_partial_part_shows_nothing_of_the_tasks_it_leaves_out(pages):
    """junior-screen gives 01_routing's tasks 1-3: nothing of tasks 4-6 (sections, questions, rubric) appears."""
    part = TRACKS["junior-screen"].parts[0]
    assert part.partial and part.tasks == ("task1", "task2", "task3")
    page = text(pages["junior-screen"])
    guide, notebooks = guides_of(part.exercise)
    left_out = [t for t in guide.tasks if t not in part.tasks]
    assert left_out == ["task4", "task5", "task6"]
    for task in left_out:
        section = guide.tasks[task]
        assert f"{task}:" not in page
        for question in section.followups:
            assert text(BeautifulSoup(_inline(question.question), "html.parser")) not in page
        for mistake in section.mistakes:
            assert text(BeautifulSoup(_inline(mistake.title), "html.parser")) not in page
    rubric = written_answers(notebooks["routing"])["task6_answer"]
    assert "Model answer" in rubric and "Model answer" not in page
    assert pages["junior-screen"].select(".rubric") == []
    assert "tasks 1, 2 and 3 of 6" in page and "the other tasks are not part of this track" in page


def test_a_written_task_shows_the_rubric_read_from_its_notebook(pages):
    """The take-home track has 04's written task6: its page shows the notebook's rubric, which guide.md never copies."""
    page = pages["take-home-blueprints"]
    _, notebooks = guides_of("04_blueprints")
    rubric = written_answers(notebooks["blueprints"])["task6_answer"]
    shown = page.select_one('article[data-exercise="04_blueprints"][data-task="task6"] .rubric')
    assert shown is not None
    assert "Rubric (1 point each)" in rubric
    assert text(shown.select_one(".md")) == text(BeautifulSoup(_render(rubric), "html.parser"))
    guide_text = (ROOT / "exercises/04_blueprints/guide.md").read_text(encoding="utf-8")
    assert not any(line in guide_text for line in rubric.splitlines() if len(line) > 40)
    assert "graded by hand" in text(page.select_one('article[data-exercise="04_blueprints"][data-task="task6"]'))
    auto = page.select_one('article[data-exercise="04_blueprints"][data-task="task1"]')
    assert auto.select(".rubric") == [] and "auto-graded (task1_visible 1, task1_hidden 2)" in text(auto)


def test_the_minute_plan_of_a_live_track_is_a_clock_and_a_take_home_is_done_before(pages):
    live = [text(row.select_one("td")) for row in pages["mid-loop"].select("#plan tbody tr")]
    assert live == ["0:00", "0:24", "0:50"]
    assert "ends 1:00" in text(pages["mid-loop"].select_one("#plan tfoot"))
    home = [text(row.select_one("td")) for row in pages["take-home-blueprints"].select("#plan tbody tr")]
    assert home == ["at home, before the meeting", "at home, before the meeting", "0:00"]
    assert "flasklab bundle take-home-blueprints" in text(pages["take-home-blueprints"].select_one("#plan"))


@pytest.mark.parametrize("track_id", sorted(TRACKS))
def test_the_page_runs_nothing_loads_nothing_and_prints(pages, track_id):
    page = pages[track_id]
    csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "default-src 'none'" in csp and "script-src 'none'" in csp
    assert page.select("script, iframe, object, embed, link[rel=stylesheet], img[src^=http]") == []
    assert "@media print" in page.style.get_text()


def test_an_unknown_track_lists_the_tracks(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["guide", "no-such-track"])
    assert result.exit_code == 1
    assert ("no track 'no-such-track'; the tracks are: " + ", ".join(TRACKS)) in result.output


@pytest.fixture
def scratch(tmp_path, monkeypatch) -> Path:
    """A copy of the project's exercises (what `flasklab guide` reads); the cwd is its root."""
    shutil.copytree(ROOT / "exercises", tmp_path / "exercises")
    shutil.copy(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_page_is_written_as_TRACK_guide_html_in_the_current_folder(scratch):
    result = run("guide", "junior-screen")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(scratch / "junior-screen-guide.html")
    assert (scratch / "junior-screen-guide.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_markup_in_a_guide_is_shown_as_text(scratch):
    """A guide's raw HTML, script or javascript: link is escaped, not run (markdown-it with html off, autoescape)."""
    guide = scratch / "exercises/01_routing/guide.md"
    hostile = ('<script>alert("guide")</script> <img src=x onerror="alert(1)"> '
               '[click](javascript:alert(2)) **still bold**')
    original = guide.read_text(encoding="utf-8")
    guide.write_text(original.replace("### Strong\n\n", f"### Strong\n\n{hostile}\n\n", 1), encoding="utf-8")
    tracks = scratch / "exercises/tracks.toml"
    tracks.write_text(tracks.read_text(encoding="utf-8").replace(
        'title = "Junior screen: routes, converters and status codes"',
        'title = "Junior <b>screen</b></title><script>alert(3)</script>"', 1), encoding="utf-8")
    result = run("guide", "junior-screen", "--out", str(scratch / "page.html"))
    assert result.exit_code == 0, result.output
    raw = (scratch / "page.html").read_text(encoding="utf-8")
    page = BeautifulSoup(raw, "html.parser")
    assert page.select("script, img") == [] and "javascript:" not in " ".join(a.get("href", "") for a in page("a"))
    strong = page.select_one('article[data-task="task1"] .strong')
    assert '<script>alert("guide")</script>' in strong.get_text()
    assert strong.select_one("strong").get_text() == "still bold"
    assert text(page.h1) == "Junior <b>screen</b></title><script>alert(3)</script>"
    assert re.search(r"<script", raw) is None

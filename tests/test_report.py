"""`flasklab.report`: score rows, CSV and JSON that agree, and pages a hiring panel can trust."""

from __future__ import annotations

import base64
import csv
import hashlib
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from report_run import EVIL_ANSWER, FAILURE, INTEGRITY, TIMEOUT, sample_run

from flasklab.report import COLUMNS, UNSAFE_FLAG, rows, write_reports
from flasklab.timeline import session_timeline

UNMATCHED = "unmatched: notes.ipynb: matches no exercise (no known grade ids)"


# Written once per module: the tests only read them, and each write draws a chart per candidate.
@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The reports of the sample run, graded in the sandbox."""
    out = tmp_path_factory.mktemp("safe")
    write_reports(sample_run(), out)
    return out


@pytest.fixture(scope="module")
def unsafe_reports(tmp_path_factory) -> Path:
    """The reports of the sample run, graded without the sandbox."""
    out = tmp_path_factory.mktemp("unsafe")
    write_reports(sample_run(unsafe=True), out)
    return out


def scores(out: Path) -> list[dict]:
    return json.loads((out / "scores.json").read_text(encoding="utf-8"))


def row_of(data: list[dict], candidate: str, exercise: str | None, task: str | None) -> dict:
    (found,) = [r for r in data if (r["candidate"], r["exercise"], r["task"]) == (candidate, exercise, task)]
    return found


def row(out: Path, candidate: str, exercise: str | None, task: str | None) -> dict:
    return row_of(scores(out), candidate, exercise, task)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def text(element) -> str:
    """Return an element's text as a reader sees it: whitespace runs read as one space."""
    return " ".join(element.get_text(" ").split())


# -- scores.json and scores.csv -------------------------------------------------


def test_write_reports_returns_every_file_it_wrote(tmp_path):
    paths = write_reports(sample_run(), tmp_path / "out")
    names = [p.relative_to(tmp_path / "out").as_posix() for p in paths]
    assert names == ["scores.json", "scores.csv", "index.html",
                     "candidates/alice.html", "candidates/bob.html", "candidates/carol.html"]
    assert all(p.is_file() for p in paths)


def test_does_every_row_have_exactly_the_specified_keys_in_order(reports):
    assert COLUMNS == ("candidate", "exercise", "task", "score", "max_score", "graded_by", "flags")
    assert all(list(r) == list(COLUMNS) for r in scores(reports))


def test_is_there_one_row_per_candidate_exercise_and_task_then_one_per_unmatched_notebook(reports):
    keys = [(r["candidate"], r["exercise"], r["task"]) for r in scores(reports)]
    assert keys == [
        ("alice", "01_routing", "task1"), ("alice", "01_routing", "task3"), ("alice", "01_routing", "task6"),
        ("alice", "02_contexts", "task1"), ("alice", "02_contexts", "task2"),
        ("bob", "01_routing", "task1"), ("bob", "01_routing", "task3"), ("bob", "01_routing", "task6"),
        ("bob", "02_contexts", "task1"), ("bob", "02_contexts", "task2"),
        ("carol", "01_routing", "task1"), ("carol", "01_routing", "task3"), ("carol", "01_routing", "task6"),
        ("carol", None, None),
    ]


def test_rows_returns_exactly_what_scores_json_holds(reports):
    assert rows(sample_run()) == scores(reports)


def test_a_written_answer_no_one_has_graded_yet_scores_null_not_zero(reports):
    assert row(reports, "carol", "01_routing", "task6") == {
        "candidate": "carol", "exercise": "01_routing", "task": "task6", "score": None, "max_score": 3.0,
        "graded_by": "person", "flags": [INTEGRITY],
    }
    assert row(reports, "alice", "01_routing", "task6")["score"] == 3.0


def test_a_failing_task_keeps_its_score_and_its_own_flag(reports):
    assert row(reports, "bob", "01_routing", "task3") == {
        "candidate": "bob", "exercise": "01_routing", "task": "task3", "score": 2.0, "max_score": 4.0,
        "graded_by": "auto", "flags": [TIMEOUT],
    }
    assert row(reports, "bob", "01_routing", "task1")["flags"] == []


def test_does_a_notebook_flag_reach_every_task_once_even_when_the_task_repeats_it(reports):
    # carol's notebook carries the integrity flag, and so does her task1.
    for task in ("task1", "task3", "task6"):
        assert row(reports, "carol", "01_routing", task)["flags"] == [INTEGRITY]


def test_do_notebook_flags_come_before_the_tasks_own():
    run = sample_run()
    run["candidates"][1]["exercises"][0]["flags"] = ["kernel: restarted after cell 4 died"]
    assert row_of(rows(run), "bob", "01_routing", "task3")["flags"] == ["kernel: restarted after cell 4 died", TIMEOUT]


def test_an_unmatched_notebook_gets_a_zero_row_that_says_why(reports):
    assert row(reports, "carol", None, None) == {
        "candidate": "carol", "exercise": None, "task": None, "score": 0, "max_score": 0,
        "graded_by": "auto", "flags": [UNMATCHED],
    }


def test_does_every_row_say_unsafe_when_grading_ran_without_the_sandbox(unsafe_reports):
    data = scores(unsafe_reports)
    assert all(r["flags"][-1] == UNSAFE_FLAG for r in data)
    assert row(unsafe_reports, "carol", None, None)["flags"] == [UNMATCHED, UNSAFE_FLAG]
    assert row(unsafe_reports, "bob", "01_routing", "task3")["flags"] == [TIMEOUT, UNSAFE_FLAG]


def test_is_the_unsafe_flag_said_once_per_row_and_left_to_the_banner_on_pages(tmp_path):
    # `flasklab grade` also puts it on each notebook graded without the sandbox.
    run = sample_run(unsafe=True)
    run["candidates"][0]["exercises"][0]["flags"] = [UNSAFE_FLAG]
    write_reports(run, tmp_path)
    assert row(tmp_path, "alice", "01_routing", "task1")["flags"] == [UNSAFE_FLAG]
    assert soup(tmp_path / "index.html").select_one("tr[data-candidate=alice] .badge") is None
    assert soup(tmp_path / "candidates" / "alice.html").select_one("#flags") is None
    assert soup(tmp_path / "candidates" / "alice.html").select_one("#unsafe-warning") is not None


def test_no_row_says_unsafe_when_grading_ran_in_the_sandbox(reports):
    assert not any(UNSAFE_FLAG in r["flags"] for r in scores(reports))


def test_does_scores_csv_hold_the_same_rows_as_scores_json(unsafe_reports):
    with (unsafe_reports / "scores.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        assert tuple(next(reader)) == COLUMNS
        table = list(reader)
    expected = [
        ["" if r[k] is None else ("; ".join(r[k]) if k == "flags" else str(r[k])) for k in COLUMNS]
        for r in scores(unsafe_reports)
    ]
    assert table == expected
    carol_task6 = next(line for line in table if line[:3] == ["carol", "01_routing", "task6"])
    assert carol_task6[3] == "" and carol_task6[6] == f"{INTEGRITY}; {UNSAFE_FLAG}"


def test_the_same_run_gives_byte_identical_reports(tmp_path):
    first = write_reports(sample_run(), tmp_path / "a")
    second = write_reports(sample_run(), tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


# -- candidate pages ------------------------------------------------------------


def test_does_a_candidate_page_show_the_failing_checks_message_and_the_flag(reports):
    page = (reports / "candidates" / "bob.html").read_text(encoding="utf-8")
    assert "GET /books/1 returned 500 INTERNAL SERVER ERROR" in page and "task3_hidden" in page
    flags = text(soup(reports / "candidates" / "bob.html").select_one("#flags"))
    assert "timeout" in flags and "the cell ran longer than 30 s" in flags
    assert FAILURE in soup(reports / "candidates" / "bob.html").get_text()


def test_does_a_flagged_candidates_page_show_integrity_and_unmatched_flags_prominently(reports):
    flags = soup(reports / "candidates" / "carol.html").select_one("#flags")
    assert flags is not None and flags.get("role") == "alert"
    items = [li.get_text("", strip=False) for li in flags.select("li")]
    # Raised on the notebook and on task1, shown once.
    assert items == ["01_routing: integrity: code cell 3, line 2: import nbgrader",
                     "unmatched: notes.ipynb: matches no exercise (no known grade ids)"]


def test_does_a_candidate_without_flags_get_no_flag_box(reports):
    assert soup(reports / "candidates" / "alice.html").select_one("#flags") is None


def test_is_a_written_answer_shown_beside_its_rubric_while_it_waits_for_a_person(reports):
    page = soup(reports / "candidates" / "carol.html")
    answer = page.select_one("#answer-01_routing-task6")
    assert "waiting for a person" in answer.get_text()
    assert text(answer.select_one(".candidate-answer .md")) == EVIL_ANSWER
    rubric = answer.select_one(".rubric .md")
    assert [text(li) for li in rubric.select("ol li")] == [
        "Says the old URL now redirects.", "Explains that 308 keeps the method and body.", "Names strict_slashes=False ."]
    assert text(rubric.select_one("strong")) == "Model answer."


def test_is_the_candidates_answer_escaped_never_run(reports):
    page = (reports / "candidates" / "carol.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "with 308 &amp; keeps the body" in page
    # Candidate pages run no script at all, whatever slips through.
    assert soup(reports / "candidates" / "carol.html").find("script") is None
    csp = soup(reports / "candidates" / "carol.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "script-src 'none'" in csp["content"]


def test_is_markdown_in_an_answer_rendered_with_our_tags_only(tmp_path):
    run = sample_run()
    run["candidates"][2]["exercises"][0]["tasks"][2]["answer"] = (
        "**308** keeps the *method*: `<b>` stays\ncode.\n\n"
        "1. one\n2. two <img src=x onerror=alert(1)>\n\n"
        "```python\nx = '<i>'\n```\n[link](javascript:alert(1))"
    )
    write_reports(run, tmp_path)
    answer = soup(tmp_path / "candidates" / "carol.html").select_one(".candidate-answer .md")
    assert str(answer) == (
        '<div class="md"><p><strong>308</strong> keeps the <em>method</em>: <code>&lt;b&gt;</code> stays code.</p>\n'
        "<ol><li>one</li><li>two &lt;img src=x onerror=alert(1)&gt;</li></ol>\n"
        "<pre><code>x = '&lt;i&gt;'</code></pre>\n"
        "<p>[link](javascript:alert(1))</p></div>"
    )


def test_is_one_message_that_fails_many_checks_shown_once(tmp_path):
    run = sample_run()
    crash = "ImportError: the notebook's code could not be imported"
    tasks = run["candidates"][2]["exercises"][0]["tasks"]
    tasks[0]["failures"] = [{"grade_id": "task1_visible", "message": crash}, {"grade_id": "task1_hidden", "message": crash}]
    tasks[1]["failures"] = [{"grade_id": "task3_hidden", "message": crash}]
    write_reports(run, tmp_path)
    page = soup(tmp_path / "candidates" / "carol.html")
    assert page.get_text().count(crash) == 1
    assert text(page.select_one("tr[data-task=task1] .failure .id")) == "task1_visible, task1_hidden"
    assert text(page.select_one("tr[data-task=task3] .failure")) == "task3_hidden : the same message as task1"


def test_is_a_graders_comment_shown(reports):
    answer = soup(reports / "candidates" / "alice.html").select_one("#answer-01_routing-task6")
    assert "Clear and complete." in answer.get_text()


def test_is_the_topic_chart_an_inline_png_with_alt_text(reports):
    img = soup(reports / "candidates" / "bob.html").select_one("img#topic-chart")
    prefix = "data:image/png;base64,"
    assert img["src"].startswith(prefix)
    assert base64.b64decode(img["src"][len(prefix):]).startswith(b"\x89PNG\r\n\x1a\n")
    assert img["alt"].startswith("Topic strengths: routing 60%, url rules 60%, http methods 56%")


def test_do_topic_scores_add_every_exercise_that_lists_the_topic(reports):
    topics = {tr["data-topic"]: text(tr)
              for tr in soup(reports / "candidates" / "bob.html").select("table.topics tbody tr")}
    # http methods is in both exercises: (3 + 2 + 1) + (2 + 1) of (3 + 4 + 3) + (2 + 4).
    assert topics["http methods"] == "http methods 9 / 16 56%"
    assert topics["routing"] == "routing 6 / 10 60%"
    assert topics["request context"] == "request context 3 / 6 50%"


def test_is_an_ungraded_written_answer_left_out_of_scores_and_the_page_says_so(reports):
    page = soup(reports / "candidates" / "carol.html")
    assert text(page.select_one("#total")) == "Total 0% 0 of 7 graded points"
    assert "left out of these scores and their maximum" in text(page)
    routing = text(page.select_one("table.topics tr[data-topic=routing]"))
    assert routing == "routing 0 / 7 0%"


def test_does_a_page_show_hints_checks_and_time_taken_when_activity_was_recorded(reports):
    activity = soup(reports / "candidates" / "alice.html").select_one("#exercise-01_routing .activity")
    assert text(activity) == "Hints used: 1 · Checks run: 2 (2 passed) · Time taken: 38 min of 45"
    assert soup(reports / "candidates" / "alice.html").select_one("#exercise-02_contexts .activity") is None


def _session(folder: Path, display_name: str) -> dict:
    """The timeline of a short interview: a failed and a passing Check, a hint, a pause, two people."""
    def line(minute: int, event: str, user: str, name: str, **extra) -> str:
        at = f"2026-11-28T09:{minute:02d}:00.000+00:00"
        return json.dumps({"at": at, "event": event, "user": user, "display_name": name, "kernel": "k",
                           "notebook": "01_routing/<b>routing</b>.ipynb", **extra}) + "\n"

    (folder / "notebooks").mkdir(parents=True)
    (folder / "session.jsonl").write_text("".join([
        line(0, "execute", "cal", display_name, role="candidate", cell="your_app", msg_id="1", source="x"),
        line(1, "check", "cal", display_name, role="candidate", task="task1", msg_id="2"),
        line(1, "check_result", "cal", display_name, role="candidate", task="task1", msg_id="2", passed=False),
        line(3, "hint", "ivy", "Ivy", role="interviewer", task="task1", msg_id="3"),
        line(14, "check", "cal", display_name, role="candidate", task="task1", msg_id="4"),
        line(14, "check_result", "cal", display_name, role="candidate", task="task1", msg_id="4", passed=True),
    ]) + "{broken\n", encoding="utf-8")
    return session_timeline(folder)


def test_does_a_live_interviews_page_show_its_timeline(tmp_path):
    """Does the page show who did what, the pauses, and when each task first passed, all escaped?"""
    run = sample_run()
    evil = "Cal <script>alert(1)</script>"
    run["candidates"][0]["timeline"] = _session(tmp_path / "alice-session", evil)
    write_reports(run, tmp_path / "out")
    page = soup(tmp_path / "out" / "candidates" / "alice.html")
    timeline = page.select_one("#timeline").find_next_sibling("div")
    assert "alice-session/session.jsonl" in text(timeline) and "2026-11-28 09:00 UTC to 09:14:00, 14 min" in text(timeline)
    people = [text(tr) for tr in timeline.select("#timeline-people tbody tr")]
    assert people == [f"{evil} cal candidate 1 0 2 0", "Ivy ivy interviewer 0 0 0 1"]
    assert [text(li) for li in timeline.select("#timeline-pauses li")] == [
        "11 min with nothing run or pressed, 09:03:00 to 09:14:00 (01_routing/<b>routing</b>.ipynb)"]
    task1 = timeline.select_one(".timeline-notebook tr[data-task=task1]")
    assert text(task1) == "task1 09:14:00 (minute 14) 2 1 / 2 0 1"
    assert "1 line of the log could not be read" in text(timeline.select_one("#timeline-problems"))
    raw = (tmp_path / "out" / "candidates" / "alice.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw and "<b>routing</b>" not in raw
    assert page.find("script") is None


def test_does_a_page_without_a_session_log_show_no_timeline(reports):
    assert soup(reports / "candidates" / "alice.html").select_one("#timeline") is None


def test_does_a_failed_grading_say_so_on_the_page(tmp_path):
    run = sample_run()
    run["candidates"][0]["exercises"][1]["status"] = "failed"
    write_reports(run, tmp_path)
    section = soup(tmp_path / "candidates" / "alice.html").select_one("#exercise-02_contexts")
    assert "grading failed" in section.get_text()


def test_can_a_candidate_id_never_write_outside_the_candidates_folder(tmp_path):
    run = sample_run()
    run["candidates"][0]["candidate"] = "../../evil"
    run["candidates"][1]["candidate"] = ".hidden"
    paths = write_reports(run, tmp_path / "out")
    pages = sorted(p.name for p in (tmp_path / "out" / "candidates").iterdir())
    assert pages == ["_.._evil.html", "carol.html", "hidden.html"]
    assert all((tmp_path / "out") in p.parents for p in paths)


# -- index.html ------------------------------------------------------------------


def test_does_the_index_list_every_candidate_with_a_column_per_topic(reports):
    page = soup(reports / "index.html")
    headers = [th.get_text(strip=True) for th in page.select("#candidates thead th")]
    assert headers == ["Candidate", "Total", "routing", "url rules", "http methods", "status codes",
                       "request context", "application context", "To grade", "Flags"]
    body = page.select("#candidates tbody tr")
    assert [tr["data-candidate"] for tr in body] == ["alice", "bob", "carol"]
    assert [tr.select_one("a")["href"] for tr in body] == [
        "candidates/alice.html", "candidates/bob.html", "candidates/carol.html"]
    bob = body[1]
    assert text(bob.select_one("td.total")) == "56% 9 / 16"
    assert bob.select_one("td[data-topic='http methods']")["data-sort"] == str(900 / 16)
    # carol did no exercise on contexts: nothing to show, and nothing to sort by.
    assert body[2].select_one("td[data-topic='request context']")["data-sort"] == ""


def test_does_the_index_show_a_flagged_candidates_flags_as_text_and_count(reports):
    carol = soup(reports / "index.html").select_one("tr[data-candidate=carol] td.flagcell")
    badge = carol.select_one(".badge")
    assert badge.get_text() == "2 flags" and INTEGRITY in badge["title"] and UNMATCHED in badge["title"]
    assert "import nbgrader" in carol.get_text() and "notes.ipynb" in carol.get_text()
    alice = soup(reports / "index.html").select_one("tr[data-candidate=alice] td.flagcell")
    assert alice["data-sort"] == "0" and alice.select_one(".badge") is None


def test_does_the_index_allow_only_its_own_sort_script(reports):
    page = soup(reports / "index.html")
    (script,) = page.find_all("script")
    csp = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


@pytest.mark.parametrize("page", ["index.html", "candidates/alice.html", "candidates/carol.html"])
def test_does_every_page_warn_when_grading_ran_without_the_sandbox(unsafe_reports, reports, page):
    warning = soup(unsafe_reports / page).select_one("#unsafe-warning")
    assert warning is not None and "WITHOUT the sandbox" in warning.get_text()
    assert soup(reports / page).select_one("#unsafe-warning") is None


@pytest.mark.parametrize("page", ["index.html", "candidates/bob.html"])
def test_does_a_page_load_nothing_from_outside(reports, page):
    html = (reports / page).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html

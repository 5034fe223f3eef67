"""The hub as people use it: a real `flasklab hub` on loopback, an interviewer and three candidates.

The interviewer releases 01_routing through formgrader; each candidate sees it
in their Assignments list, fetches it, works on it in their own server (one
correct, one with a kept mistake, one hostile that hunts for the others' work
from its kernel, through links its kernel makes, and as its own system user)
and submits; the interviewer collects, runs `flasklab grade` on what was
collected and returns the feedback through the exchange. One candidate then
logs in with their one-time link in Chromium and sees the assignment.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
from pathlib import Path

import nbformat
import pytest
from kernelclient import KernelChannels

import harness
import hubbing

pytestmark = [pytest.mark.xdist_group("hub"), pytest.mark.hub]

EXERCISE = "01_routing"
NOTEBOOK = "routing.ipynb"
COURSE = "flask-interview-lab"
MISTAKE = "mistake_create_returns_200"
RUN = secrets.token_hex(2)
INTERVIEWER, CORRECT, WRONG, HOSTILE = (f"iv{RUN}", f"ok{RUN}", f"bug{RUN}", f"evil{RUN}")
CANDIDATES = [CORRECT, WRONG, HOSTILE]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def hub():
    hubbing.require()
    with hubbing.running([INTERVIEWER], CANDIDATES, "--idle-timeout", "600") as running:
        yield running


class Kernel(KernelChannels):
    """A kernel of a user's server, reached through the hub's proxy as JupyterLab reaches it."""

    def __init__(self, hub: hubbing.Hub, user: str, token: str, path: str) -> None:
        self.hub, self.user, self.token = hub, user, token
        session = hub.api(f"/user/{user}/api/sessions", token, "POST",
                          {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
        assert isinstance(session, dict)
        super().__init__(f"http://127.0.0.1:{hub.port}/user/{user}", session["kernel"]["id"], token,
                         username=user, timeout=90)

    def execute(self, code: str, timeout: float = 90) -> str:  # type: ignore[override]
        """Run ``code``; return what it printed, followed by the traceback of an error."""
        text, reply = super().execute(code, timeout)
        return text + "\n".join(reply.get("traceback", []))

    def close(self) -> None:
        super().close()
        self.hub.request(f"/user/{self.user}/api/kernels/{self.id}", self.token, "DELETE")


def _hostile_probe(state: Path, others: list[str], interviewer: str) -> str:
    """Code the hostile candidate runs: look for everyone else's work, record what it found in its own folder."""
    targets = [str(state), str(state / "exchange"), str(state / "exchange" / COURSE / "inbound"),
               str(state / "exchange" / COURSE / "feedback"), str(state / "homes"),
               *(str(state / "homes" / o) for o in others), str(state / "homes" / interviewer / "course"),
               str(state / "homes" / interviewer / "course" / "submitted"), "/home", "/tmp", "..", "/"]
    return f"""
import json, os
found = {{}}
for target in {targets!r}:
    try:
        found[target] = sorted(os.listdir(target))
    except OSError as exc:
        found[target] = "refused: " + type(exc).__name__
with open("probe.json", "w") as out:
    json.dump(found, out)
print(json.dumps(found))
"""


def _solution(kind: str) -> nbformat.NotebookNode:
    if kind == "correct":
        return harness.ours(EXERCISE)[Path(NOTEBOOK).stem]
    if kind == "mistake":
        kept = next(s for s in harness.submissions(EXERCISE) if s.name == MISTAKE)
        return harness.apply(kept)[Path(NOTEBOOK).stem]
    return harness.untouched(EXERCISE)[Path(NOTEBOOK).stem]


def _write_answers(hub: hubbing.Hub, user: str, token: str, answer: nbformat.NotebookNode) -> None:
    """Save the candidate's answer cells into the fetched notebook, through their server's contents API."""
    path = f"/user/{user}/api/contents/{EXERCISE}/{NOTEBOOK}"
    model = hub.api(path, token)
    assert isinstance(model, dict)
    fetched = model["content"]
    answers = {c["metadata"].get("nbgrader", {}).get("grade_id"): c["source"] for c in answer.cells}
    for cell in fetched["cells"]:
        gid = cell["metadata"].get("nbgrader", {}).get("grade_id")
        if cell["metadata"].get("nbgrader", {}).get("solution") and gid in answers:
            cell["source"] = answers[gid]
    hub.api(path, token, "PUT", {"type": "notebook", "format": "json", "content": fetched})


def _flasklab() -> list[str]:
    """flasklab as the hub's users run it: with the Python their servers run (flasklab.hub.server_python)."""
    from flasklab import hub as hubmod

    return [str(hubmod.server_python()), "-m", "flasklab.cli"]


def _as_user(name: str, state: Path, *command: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    home = state / "homes" / name
    env = {"HOME": str(home), "PATH": f"{Path(_flasklab()[0]).parent}:/usr/bin:/bin", "LANG": "C.UTF-8",
           "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(["setpriv", f"--reuid=fil-{name}", f"--regid=fil-{name}", "--init-groups", "--",
                           *command], cwd=hubbing.ROOT, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


def test_release_fetch_submit_collect_grade_feedback(hub: hubbing.Hub) -> None:
    start = time.monotonic()
    tokens = {name: hub.user_token(name) for name in hub.names}
    for name in hub.names:
        hub.spawn(name)
    for name in hub.names:
        hub.wait_ready(name)
    iv = tokens[INTERVIEWER]

    # Only the interviewer has formgrader; a candidate's server does not serve it.
    for name in CANDIDATES:
        status, _ = hub.request(f"/user/{name}/formgrader", tokens[name])
        assert status in (403, 404), f"{name} reached formgrader: {status}"
        status, _ = hub.request(f"/user/{name}/formgrader/api/assignment/{EXERCISE}/release", tokens[name], "POST")
        assert status in (403, 404), f"{name} could release: {status}"
    status, _ = hub.request(f"/user/{name}/api/terminals", tokens[name], "POST")
    assert status in (403, 404), f"a candidate opened a terminal: {status}"

    # A candidate's token opens nobody else's server.
    status, _ = hub.request(f"/user/{CORRECT}/api/contents", tokens[HOSTILE])
    assert status == 403, status

    # The interviewer releases the exercise from formgrader.
    released = hub.api(f"/user/{INTERVIEWER}/formgrader/api/assignment/{EXERCISE}/release", iv, "POST")
    assert isinstance(released, dict) and released.get("success"), released

    # Each candidate sees it in the Assignments list, fetches it and finds the notebook in their home.
    for name in CANDIDATES:
        listing = hub.api(f"/user/{name}/assignments?course_id={COURSE}", tokens[name])
        assert isinstance(listing, dict) and listing["success"], listing
        assert [a["assignment_id"] for a in listing["value"] if a["status"] == "released"] == [EXERCISE]
        fetched = hub.api(f"/user/{name}/assignments/fetch", tokens[name], "POST",
                          form={"assignment_id": EXERCISE, "course_id": COURSE})
        assert isinstance(fetched, dict) and fetched["success"], fetched

    # They work: the correct one and the one with a mistake save their answers and run Checks in a kernel.
    for name, kind in ((CORRECT, "correct"), (WRONG, "mistake")):
        _write_answers(hub, name, tokens[name], _solution(kind))
        kernel = Kernel(hub, name, tokens[name], f"{EXERCISE}/{NOTEBOOK}")
        try:
            notebook = hub.api(f"/user/{name}/api/contents/{EXERCISE}/{NOTEBOOK}", tokens[name])
            assert isinstance(notebook, dict)
            code = [c["source"] for c in notebook["content"]["cells"] if c["cell_type"] == "code"]
            out = kernel.execute("\n".join(code[:2]))  # the set-up cell and the candidate's app
            out += kernel.execute("import os; print('cwd', os.getcwd())")
            assert "cwd /home/candidate" in out, out  # the sandbox's working copy
        finally:
            kernel.close()

    # The hostile one hunts from its sandboxed kernel, then through links the kernel makes in its folder.
    others = [CORRECT, WRONG]
    evil = Kernel(hub, HOSTILE, tokens[HOSTILE], f"{EXERCISE}/{NOTEBOOK}")
    links = {"inbound": hub.state / "exchange" / COURSE / "inbound", "neighbour": hub.state / "homes" / CORRECT,
             "course": hub.state / "homes" / INTERVIEWER / "course", "up": ".."}
    try:
        printed = evil.execute(_hostile_probe(hub.state, others, INTERVIEWER))
        evil.execute("import os\n" + "".join(f"os.symlink({str(t)!r}, {n!r})\n" for n, t in links.items()))
        found = json.loads(printed.strip().splitlines()[-1])
        for target, seen in found.items():
            if target in ("/", "/tmp", "..", "/home"):
                continue
            assert isinstance(seen, str) and seen.startswith("refused"), f"the hostile kernel saw {target}: {seen}"
        assert "probe.json" in _list(hub, HOSTILE, tokens[HOSTILE], EXERCISE)
        # Nor does it learn who else is on the hub: its /etc/passwd names root, nobody and itself.
        accounts = evil.execute("import pwd; print(sorted(e.pw_name for e in pwd.getpwall()))")
        assert accounts.strip().splitlines()[-1] == repr(sorted(["root", "nobody", f"fil-{HOSTILE}"])), accounts
        for link in ("inbound", "neighbour", "course"):
            status, data = hub.request(f"/user/{HOSTILE}/api/contents/{EXERCISE}/{link}", tokens[HOSTILE])
            assert status in (403, 404), f"{link}: {status} {data[:300]!r}"
        # A link into its own home is followed, but no configuration file may be written there through it.
        status, _ = hub.request(f"/user/{HOSTILE}/api/contents/{EXERCISE}/up/nbgrader_config.py", tokens[HOSTILE],
                                "PUT", body={"type": "file", "format": "text", "content": "c.X = 1"})
        assert status == 403, status
        # (Its links would make its own submission fail: nbgrader copies the folder, following them.)
        evil.execute("import os\n" + "".join(f"os.unlink({n!r})\n" for n in links))
    finally:
        evil.close()

    # Everyone submits through their server.
    for name in CANDIDATES:
        submitted = hub.api(f"/user/{name}/assignments/submit", tokens[name], "POST",
                            form={"assignment_id": EXERCISE, "course_id": COURSE})
        assert isinstance(submitted, dict) and submitted["success"], submitted

    # Outside the sandbox, as its own system user, the hostile candidate still reads nobody's work: not the
    # inbound listing, not a submission whose exact name it learned, not a home, not the course.
    inbound = hub.state / "exchange" / COURSE / "inbound"
    submissions = sorted(inbound.iterdir())
    assert len(submissions) == 3
    correct_one = next(p for p in submissions if p.name.startswith(f"fil-{CORRECT}+"))
    probe = (
        "import os, sys\n"
        "seen = []\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        seen.append(path + ': ' + (repr(os.listdir(path)) if os.path.isdir(path) else open(path).read()[:40]))\n"
        "    except OSError as exc:\n"
        "        pass\n"
        "print(seen)\n"
    )
    result = _as_user(HOSTILE, hub.state, "python3", "-c", probe, str(inbound), str(correct_one),
                      str(correct_one / NOTEBOOK), str(hub.state / "homes" / CORRECT),
                      str(hub.state / "homes" / CORRECT / EXERCISE / NOTEBOOK),
                      str(hub.state / "homes" / INTERVIEWER / "course"), str(hub.state / "homes"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"the hostile user read: {result.stdout}"

    # The interviewer collects from formgrader and grades what was collected with flasklab grade.
    collected = hub.api(f"/user/{INTERVIEWER}/formgrader/api/assignment/{EXERCISE}/collect", iv, "POST")
    assert isinstance(collected, dict) and collected.get("success"), collected.get("error", collected)[-3000:]
    course = hub.state / "homes" / INTERVIEWER / "course"
    assert sorted(p.name for p in (course / "submitted").iterdir()) == sorted(f"fil-{n}" for n in CANDIDATES)
    reports = course / "reports"
    graded = _as_user(INTERVIEWER, hub.state, *_flasklab(), "grade",
                      str(course / "submitted"), "--out", str(reports), "--workers", "2")
    assert graded.returncode == 0, graded.stdout + graded.stderr
    rows = json.loads((reports / "scores.json").read_text())
    score: dict[str, float] = {}
    full: dict[str, float] = {}
    for row in rows:
        if row["graded_by"] == "auto":
            score[row["candidate"]] = score.get(row["candidate"], 0) + (row["score"] or 0)
            full[row["candidate"]] = full.get(row["candidate"], 0) + row["max_score"]
    assert score[f"fil-{CORRECT}"] == full[f"fil-{CORRECT}"] > 0, score
    assert 0 < score[f"fil-{WRONG}"] < full[f"fil-{WRONG}"], score
    assert score[f"fil-{HOSTILE}"] == 0, score  # an untouched notebook and a probe earn nothing

    # The feedback goes back through the exchange: flasklab feedback, copied into the course, released.
    # (flasklab feedback runs with the venv's own Python here: where the hub's servers run a view of the venv on
    # the system's Python, that one's soupsieve fails on nbgrader's feedback page; docs/hub.md.)
    made = subprocess.run([str(hubbing.VENV_BIN / "flasklab"), "feedback", "--out", str(reports)], cwd=hubbing.ROOT,
                          capture_output=True, text=True, check=False)
    assert made.returncode == 0, made.stdout + made.stderr
    subprocess.run(["chown", "-R", f"fil-{INTERVIEWER}:", str(reports)], check=True)
    copied = _as_user(INTERVIEWER, hub.state, "cp", "-r", f"{reports}/feedback/.", f"{course}/feedback/")
    assert copied.returncode == 0, copied.stderr
    for name in CANDIDATES:  # nbgrader keys feedback to the collected submission's time and secret
        for stamp in ("timestamp.txt", "submission_secret.txt"):
            done = _as_user(INTERVIEWER, hub.state, "cp", f"{course}/submitted/fil-{name}/{EXERCISE}/{stamp}",
                            f"{course}/feedback/fil-{name}/{EXERCISE}/{stamp}")
            assert done.returncode == 0, done.stderr
    returned = hub.api(f"/user/{INTERVIEWER}/formgrader/api/assignment/{EXERCISE}/release_feedback", iv, "POST")
    assert isinstance(returned, dict) and returned.get("success"), returned
    for name in CANDIDATES:
        fetched = hub.api(f"/user/{name}/assignments/fetch_feedback", tokens[name], "POST",
                          form={"assignment_id": EXERCISE, "course_id": COURSE})
        assert isinstance(fetched, dict) and fetched["success"], fetched
        pages = list((hub.state / "homes" / name / EXERCISE / "feedback").rglob("*.html"))
        assert len(pages) == 1, (name, pages)
    # Feedback files in the exchange are named by a hash of each submission: no listing there either.
    result = _as_user(HOSTILE, hub.state, "python3", "-c", probe, str(hub.state / "exchange" / COURSE / "feedback"))
    assert result.stdout.strip() == "[]", result.stdout
    print(f"hub end to end: {time.monotonic() - start:.1f} s after the hub answered")


def _list(hub: hubbing.Hub, user: str, token: str, path: str) -> list[str]:
    model = hub.api(f"/user/{user}/api/contents/{path}", token)
    assert isinstance(model, dict)
    return [item["name"] for item in model["content"]]


def test_a_candidate_logs_in_with_the_link_and_sees_the_assignment(hub: hubbing.Hub) -> None:
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed (apt-get install chromium; .ci/run does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    from flasklab import hub as hubmod

    link = hubmod.login_link(hub.base, hubmod.issue_code(hub.state, CORRECT))
    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(link)
            page.click("#login")
            page.wait_for_url(f"**/user/{CORRECT}/**", timeout=90_000)
            page.goto(f"{hub.base}/user/{CORRECT}/lab", wait_until="domcontentloaded")
            page.wait_for_selector(".jp-LabShell", timeout=90_000)
            page.get_by_text("Nbgrader", exact=True).click()
            page.get_by_text("Assignment List", exact=True).click()
            page.wait_for_selector(f"text={EXERCISE}", timeout=60_000)
            # The same link does not log in twice.
            other = browser.new_page()
            other.goto(link)
            other.click("#login")
            assert "/user/" not in other.url
        finally:
            browser.close()


def test_a_used_or_unknown_code_is_refused(hub: hubbing.Hub) -> None:
    from flasklab import hub as hubmod

    code = hubmod.issue_code(hub.state, WRONG)
    assert hubmod.consume_code(hub.state, code) == WRONG
    assert hubmod.consume_code(hub.state, code) is None
    status, _ = hub.request("/hub/login-link", method="POST", form={"code": secrets.token_urlsafe(24)})
    assert status == 403  # xsrf or code: either way nobody logs in

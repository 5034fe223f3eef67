"""The `flasklab` command: build, list, tracks, lab, guides, bundles, interviews, grade, mark and feedback."""

from __future__ import annotations

import filecmp
import json
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .catalogue import ExerciseError, discover

if TYPE_CHECKING:
    from .interview import RunningServer


def _root() -> Path:
    """Find the project root: the nearest folder up with exercises/ and nbgrader_config.py."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir() and (folder / "nbgrader_config.py").is_file():
            return folder
    raise click.ClickException(
        f"no Flask Interview Lab project found at or above {here}: run flasklab from the "
        "project folder (the one with exercises/ and nbgrader_config.py)."
    )


@click.group()
def main() -> None:
    """Flask Interview Lab: build, list and grade Flask notebook exercises."""


@main.command()
@click.argument("exercise_ids", nargs=-1)
@click.option("--check", is_flag=True, help="Build into a scratch folder and fail if source/ or release/ differ.")
def build(exercise_ids: tuple[str, ...], check: bool) -> None:
    """Build exercises/ into source/ (instructor) and release/ (candidate) notebooks.

    With EXERCISE_IDS (e.g. 01_routing), build only those.
    """
    from .build import build as run_build

    root = _root()
    for ex in exercise_ids:
        if not (root / "exercises" / ex).is_dir():
            raise click.ClickException(f"no exercise {ex!r} in {root / 'exercises'}; `flasklab list` shows the ids.")
    try:
        if not check:
            built = run_build(root, only=list(exercise_ids) or None)
            click.echo(f"built {len(built)} exercise(s) into source/ and release/")
            return
        with tempfile.TemporaryDirectory(prefix="flasklab-check-") as tmp:
            run_build(root, Path(tmp))
            stale = _differences(Path(tmp), root)
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from None
    if stale:
        click.echo("source/ or release/ is stale; run `flasklab build` and commit:", err=True)
        for line in stale:
            click.echo(f"  {line}", err=True)
        sys.exit(1)
    click.echo("source/ and release/ are up to date")


def _differences(fresh: Path, committed: Path) -> list[str]:
    out: list[str] = []
    for folder in ("source", "release"):
        new = {p.relative_to(fresh) for p in (fresh / folder).rglob("*") if p.is_file()}
        old = {p.relative_to(committed) for p in (committed / folder).rglob("*") if p.is_file()}
        out += [f"missing: {p}" for p in sorted(new - old)]
        out += [f"not built from exercises/: {p}" for p in sorted(old - new)]
        out += [
            f"differs: {p}" for p in sorted(new & old)
            if not filecmp.cmp(fresh / p, committed / p, shallow=False)
        ]
    return out


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the catalogue as JSON.")
def list_exercises(as_json: bool) -> None:
    """List the exercises: id, title, topics, level, minutes and points."""
    from .build import parse, points_of

    root = _root()
    try:
        entries = []
        for ex in discover(root / "exercises"):
            totals = {"auto": 0.0, "manual": 0.0, "total": 0.0}
            for script in ex.notebooks:
                for key, value in points_of(parse(script)).items():
                    totals[key] += value
            entries.append(ex.summary(totals))
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(entries, indent=2))
        return
    for e in entries:
        click.echo(
            f"{e['id']:<22} {e['level']:<7} {e['minutes']:>3} min {e['points']['total']:>5g} pts  "
            f"{e['title']}  [{', '.join(e['topics'])}]"
        )


@main.command("tracks")
@click.option("--json", "as_json", is_flag=True, help="Print the tracks as JSON.")
def tracks_command(as_json: bool) -> None:
    """List the interview tracks: id, level, format, minutes and exercises (exercises/tracks.toml)."""
    from .tracks import project_tracks

    try:
        tracks = project_tracks(_root())
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([t.summary_dict() for t in tracks], indent=2))
        return
    for t in tracks:
        parts = ", ".join(
            f"{p.exercise}" + (f" ({'/'.join(x.removeprefix('task') for x in p.tasks)})" if p.partial else "")
            + f" {p.minutes} min" for p in t.parts
        )
        follow = f" + {t.followup_minutes} min follow-up" if t.followup_minutes else ""
        click.echo(f"{t.id:<22} {t.level:<7} {t.format:<9} {t.minutes:>3} min  {t.title}")
        click.echo(f"{'':<22} {parts}{follow}")


@main.command("lab")
@click.option("--work", type=click.Path(file_okay=False, path_type=Path), default=Path("work"), show_default=True,
              help="The folder JupyterLab serves (make lab copies release/ into it).")
@click.option("--port", type=int, default=8888, show_default=True, help="The port on 127.0.0.1 to serve on.")
@click.option("--port-hint", default="flasklab lab --port {port}", show_default=True,
              help="How the message about a taken port says to choose another ({port}: a free one).")
@click.option("--check-port", is_flag=True, help="Only check that the port is free, and say how to pick another.")
def lab_command(work: Path, port: int, port_hint: str, check_port: bool) -> None:
    """Serve WORK in JupyterLab on 127.0.0.1:PORT and print its address once it answers.

    JupyterLab never moves to another port: a taken port stops with a message
    that names a free one.
    """
    from .lab import LabError, serve
    from .lab import check_port as check

    try:
        if check_port:
            check(port, port_hint)
            return
        sys.exit(serve(work, port, port_hint, click.echo))
    except LabError as exc:
        raise click.ClickException(str(exc)) from None


@main.command("guide")
@click.argument("track_id", metavar="TRACK")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the page. [default: TRACK-guide.html in the current folder]")
def guide_command(track_id: str, out: Path | None) -> None:
    """Write the interviewer guide of TRACK as one printable HTML page and print its path.

    The page has the track's minute plan, and for each part only its tasks:
    what strong, adequate and weak answers look like, common mistakes, the
    rubric of a written task, and the follow-up questions. For the panel only.
    """
    from .guidepage import write_guide
    from .tracks import find_track, project_tracks

    root = _root()
    try:
        track = find_track(project_tracks(root), track_id)
        path = write_guide(root, track, out or Path.cwd() / f"{track.id}-guide.html")
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))


@main.command("bundle")
@click.argument("track_id", metavar="TRACK")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the zip. [default: TRACK.zip in the current folder]")
def bundle_command(track_id: str, out: Path | None) -> None:
    """Write the take-home zip of TRACK for the candidate and print its path.

    It holds the track's candidate notebooks, a README (what to do, the time,
    how to install and send it back), a requirements.txt with exact pins and
    the autograder package the notebooks import; no solution, hidden test,
    rubric or guide. Grade what comes back with `flasklab grade`.
    """
    from .bundle import write_bundle
    from .tracks import find_track, project_tracks

    root = _root()
    try:
        track = find_track(project_tracks(root), track_id)
        path = write_bundle(root, track, out or Path.cwd() / f"{track.id}.zip")
    except ExerciseError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(str(path))


@main.command("interview")
@click.argument("track_id", metavar="TRACK")
@click.option("--candidate", default="Candidate", show_default=True,
              help="The candidate's name: shown to both of you, and in the session folder's name.")
@click.option("--interviewer", default="Interviewer", show_default=True, help="Your name, as the candidate sees it.")
@click.option("--port", type=click.IntRange(0, 65535), default=8888, show_default=True,
              help="Port to serve on (0: any free port). A busy port stops the command; it never moves silently.")
@click.option("--ip", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep 127.0.0.1 and let the candidate in through an SSH tunnel or a "
                   "TLS reverse proxy (docs/interviews.md).")
@click.option("--public-url", metavar="https://HOST",
              help="The address a TLS reverse proxy on this machine serves the interview at (it forwards to "
                   "--ip and --port): the printed URLs use it.")
@click.option("--dir", "base", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the session folders, one new folder per interview. [default: interviews/ in the "
                   "project]")
def interview_command(track_id: str, candidate: str, interviewer: str, port: int, ip: str, public_url: str | None,
                      base: Path | None) -> None:
    """Serve a live TRACK in one shared JupyterLab: your URL, and the one to hand to the candidate.

    Makes a new session folder BASE/NAME-TRACK-YYYYmmdd-HHMM/ whose notebooks/
    holds only the track's candidate notebooks; the server's root is that
    folder. Both of you edit the same notebooks in real time, each as
    yourselves. The candidate's kernels run in the sandbox; there is no
    terminal. Ctrl-C ends the interview.
    """
    from .interview import InterviewError, open_session, public_host, start, stop
    from .sandbox import SandboxUnavailable, bwrap_path
    from .tracks import find_track, project_tracks

    root = _root()
    try:
        if public_url:
            public_host(public_url)
        bwrap_path()
    except InterviewError as exc:
        raise click.ClickException(str(exc)) from None
    except SandboxUnavailable:
        raise click.ClickException(
            "bubblewrap (bwrap) is not installed, and flasklab interview runs the candidate's kernels in it. "
            "Install it (Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`) "
            "and run the command again."
        ) from None
    # Closing the terminal (SIGHUP) or a kill (SIGTERM) ends the interview like Ctrl-C: the server, in a
    # session of its own, would otherwise go on serving the candidate.
    for ending in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(ending, _interrupt)
    try:
        track = find_track(project_tracks(root), track_id)
        session = open_session(root, track, (base or root / "interviews").resolve(), candidate, interviewer)
        server = start(session, ip, port, public_url)
    except (ExerciseError, InterviewError) as exc:
        raise click.ClickException(str(exc)) from None
    try:
        _print_interview(server, ip)
        server.process.wait()
        click.echo(f"JupyterLab stopped (exit code {server.process.returncode}); its log: {session.server_log}",
                   err=True)
    except KeyboardInterrupt:
        click.echo("\nEnding the interview: stopping JupyterLab and the kernels.")
    finally:
        stop(server.process)
    click.echo(f"The session's files: {session.folder}")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _print_interview(server: RunningServer, ip: str) -> None:
    from .interview import session_log_available

    session = server.session
    click.echo(f"\nInterview: {session.track.title} ({session.track.id}, {session.track.minutes} min)")
    click.echo(f"Session folder: {session.folder}\n")
    click.echo(f"  You ({session.interviewer}):\n    {server.interviewer_url}")
    click.echo(f"  The candidate ({session.candidate}), send them this one:\n    {server.candidate_url}\n")
    if server.public_url:
        click.echo(f"Your reverse proxy serves {server.public_url} over TLS and forwards it, websockets included, "
                   f"to {ip}:{server.port}.")
    elif ip in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"The server listens on {ip} only. To let the candidate in from elsewhere, either:")
        click.echo(f"  - an SSH tunnel on their side: ssh -N -L {server.port}:127.0.0.1:{server.port} "
                   "YOU@THIS-HOST, then they open the URL above, or")
        click.echo(f"  - a reverse proxy with TLS (https, websockets passed on) in front of 127.0.0.1:{server.port}: "
                   "start again with --public-url https://YOUR-HOST for URLs through it (docs/interviews.md).")
    else:
        click.secho(f"The server listens on {ip} without TLS: the token travels in clear text. Prefer 127.0.0.1 "
                    "behind an SSH tunnel or a TLS reverse proxy (docs/interviews.md).", fg="yellow")
    if session_log_available():
        click.echo(f"\nSession log: {session.session_log}")
    else:
        click.echo("\nNo session log: flasklab.sessionlog is not installed.")
    click.echo(f"Server log: {session.server_log}\nPress Ctrl-C to end the interview.")


DEFAULT_HUB_STATE = Path("hub")


@main.group("hub", invoke_without_command=True)
@click.option("--state", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_HUB_STATE,
              show_default=True, help="The hub's state folder: accounts, database, homes, exchange (not tracked).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 people open (for add-user: the port its link names).")
@click.option("--mem-limit", default="2G", show_default=True, help="Memory of each person's server and kernels.")
@click.option("--cpu-limit", type=float, default=1.0, show_default=True, help="CPU cores of each person's server.")
@click.option("--max-servers", type=click.IntRange(min=1), default=30, show_default=True,
              help="Servers running at once.")
@click.option("--idle-timeout", type=click.IntRange(min=60), default=3600, show_default=True,
              help="Seconds without activity after which a server is stopped.")
@click.pass_context
def hub_command(ctx: click.Context, state: Path, port: int, mem_limit: str, cpu_limit: float, max_servers: int,
                idle_timeout: int) -> None:
    """Start JupyterHub for many candidates (config/hub/jupyterhub_config.py), as root, on 127.0.0.1.

    Prints the address and a fresh one-time login link for every account of
    STATE/hub-accounts.toml (made with one interviewer, `interviewer`, the
    first time). Ctrl-C stops the hub and every server. docs/hub.md says more.
    """
    ctx.ensure_object(dict)
    ctx.obj["state"] = state
    ctx.obj["port"] = port if ctx.get_parameter_source("port") is click.core.ParameterSource.COMMANDLINE else None
    if ctx.invoked_subcommand is not None:
        return
    from . import hub

    _root()
    settings = hub.HubSettings(state.resolve(), port, mem_limit, cpu_limit, max_servers, idle_timeout)
    try:
        hub.preflight(settings.state)
        accounts = hub.prepare_state(settings.state)
    except hub.HubError as exc:
        raise click.ClickException(str(exc)) from None
    log_path = settings.state / "jupyterhub.log"
    # Started in the background by a shell without job control (`make hub &` in a script), this
    # process and so every one it starts would ignore SIGINT: JupyterHub stops its culler and each
    # server with SIGINT first and waits 10 s for each before SIGTERM. They get the usual default.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    with open(log_path, "ab") as log:
        proc = hub.start_hub(settings, log)
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        hub.wait_ready(proc, port)
        base = hub.hub_address(settings.state, port)
        (settings.state / hub.ADDRESS_FILE).write_text(base + "\n", encoding="utf-8")
        click.echo(f"JupyterHub for Flask Interview Lab: {base}/hub/")
        click.echo(f"State folder: {settings.state} (log: {log_path})")
        click.echo("One-time login links (each works once; `flasklab hub add-user NAME` makes a new one):")
        for name in accounts.names:
            role = accounts.role(name)
            click.echo(f"  {name} ({role}): {hub.login_link(base, hub.issue_code(settings.state, name))}")
        click.echo("The hub listens on 127.0.0.1 only: put a TLS reverse proxy in front of it for others "
                   "(docs/hub.md). Press Ctrl-C to stop it and every server.", err=True)
        sys.stdout.flush()
        code = proc.wait()
        # Only a stop asked of flasklab hub (Ctrl-C, SIGTERM) ends the hub on purpose.
        how = f"was killed by {signal.Signals(-code).name}" if code < 0 else f"exited with status {code}"
        raise click.ClickException(f"JupyterHub {how}; its servers, proxy and culler are stopped. "
                                   f"See {log_path}, then start flasklab hub again.")
    except KeyboardInterrupt:
        pass
    except hub.HubError as exc:
        raise click.ClickException(f"{exc}; see {log_path}") from None
    finally:
        hub.stop_hub(proc)
        hub.remove_user_cgroups(hub.read_accounts(settings.state / hub.ACCOUNTS_FILE).names)


@hub_command.command("add-user")
@click.argument("name")
@click.option("--interviewer", is_flag=True, help="An interviewer: nbgrader's instructor tools, no sandbox.")
@click.option("--url", help="The hub's address for the link, as people open it (https://hub.example.com behind a "
              "proxy). Default: the address the hub of --state last served, or 127.0.0.1 and --port.")
@click.pass_context
def hub_add_user(ctx: click.Context, name: str, interviewer: bool, url: str | None) -> None:
    """Add NAME to the hub's accounts (or keep it) and print a one-time login link; no restart needed."""
    from . import hub

    state: Path = ctx.obj["state"].resolve()
    try:
        code = hub.add_user(state, name, interviewer)
    except hub.HubError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(hub.login_link(url or hub.hub_address(state, ctx.obj["port"]), code))


@main.command("grade")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True,
              help="Folder for the reports, the gradebook and the graded notebooks.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Notebooks graded at once. [default: the number of cores]")
@click.option("--timeout", "cell_timeout", type=click.IntRange(min=1), default=30, show_default=True,
              help="Seconds one cell may run before it is interrupted.")
@click.option("--force", is_flag=True, help="Grade again what was already graded from the same notebook.")
@click.option("--unsafe", is_flag=True,
              help="Run candidates' code without the sandbox (no bubblewrap). Every report says so.")
def grade_command(paths: tuple[Path, ...], out: Path, workers: int | None, cell_timeout: int, force: bool,
                  unsafe: bool) -> None:
    """Grade candidates' notebooks: folders, zips, files, or nbgrader's submitted/ tree.

    Each candidate's code runs in a sandbox, several at once. Grades already
    recorded in OUT from the same notebook are kept, so running again grades
    only what is new or changed, and one late candidate can be graded alone.
    Writes OUT/scores.json, OUT/scores.csv, OUT/index.html and a page per candidate.
    """
    from .grade import GradeError, Options, grade
    from .intake import IntakeError
    from .progress import GradeProgress
    from .sandbox import SandboxUnavailable

    root = _root()
    options = Options(paths=list(paths), out=out.resolve(), project=root, unsafe=unsafe,
                      cell_timeout=cell_timeout, force=force)
    if workers:
        options.workers = workers
    if unsafe:
        click.secho("--unsafe: candidates' code runs with your rights, outside any sandbox. "
                    "Every report will say so.", fg="red", err=True)
    try:
        with GradeProgress() as progress:
            summary = grade(options, progress.update)
    except (GradeError, IntakeError, SandboxUnavailable) as exc:
        raise click.ClickException(str(exc)) from None
    for rejected in summary.rejected:
        click.echo(f"not graded: {rejected.candidate}/{rejected.file}: {rejected.reason}", err=True)
    click.echo(
        f"graded {summary.graded}, failed {summary.failed}, flagged {summary.flagged}, "
        f"unchanged since the last run {summary.skipped}, not graded {len(summary.rejected)}"
    )
    if summary.interrupted:
        click.echo("stopped: every grade recorded so far is kept; run the same command again to grade the rest.",
                   err=True)
        sys.exit(130)
    click.echo(f"reports: {out / 'index.html'}")


@main.command("mark")
@click.argument("candidate")
@click.argument("exercise")
@click.argument("task")
@click.argument("score", type=float)
@click.option("--comment", help="A comment the candidate may read in their feedback.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True,
              help="The folder `flasklab grade` wrote.")
def mark_command(candidate: str, exercise: str, task: str, score: float, comment: str | None, out: Path) -> None:
    """Record a person's SCORE for a written answer (TASK: task6 or its grade id), then refresh the reports."""
    from .grade import GradeError, mark, open_course, write_all_reports

    try:
        course = open_course(out.resolve(), _root())
        gid = mark(course, candidate, exercise, task, score, comment)
        write_all_reports(course, out.resolve())
    except GradeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{candidate}/{exercise}/{gid}: {score:g} recorded; reports updated in {out}")


@main.command("feedback")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("reports"), show_default=True,
              help="The folder `flasklab grade` wrote.")
def feedback_command(out: Path) -> None:
    """Write the feedback each candidate may read into OUT/feedback/ (no hidden tests, no solutions)."""
    from .grade import GradeError, feedback, open_course

    try:
        written = feedback(open_course(out.resolve(), _root()), out.resolve())
    except GradeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {len(written)} feedback page(s) into {out / 'feedback'}")


if __name__ == "__main__":
    main()

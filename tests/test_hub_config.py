"""Unit tests of flasklab hub's pieces: accounts, one-time codes, limits, the exchange classes, the K8s files."""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path

import pytest
import yaml

from flasklab import hub
from flasklab.hub_singleuser import refused

ROOT = Path(__file__).resolve().parents[1]
HUB = ROOT / "config" / "hub"


def test_accounts_round_trip_and_roles(tmp_path):
    path = tmp_path / hub.ACCOUNTS_FILE
    hub.write_accounts(path, hub.Accounts(["grace"], ["ada", "alan"]))
    accounts = hub.read_accounts(path)
    assert accounts.role("grace") == "interviewer"
    assert accounts.role("ada") == "candidate"
    assert accounts.role("mallory") is None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize("text, message", [
    ('interviewers = ["Grace"]\n', "not a valid account name"),
    ('candidates = ["ada"]\ninterviewers = ["ada"]\n', "both as interviewer and as candidate"),
    ('admins = ["x"]\n', "unknown key"),
    ('candidates = "ada"\n', "must be a list"),
    ('candidates = [\n', "hub-accounts.toml"),
])
def test_a_bad_accounts_file_is_refused_saying_why(tmp_path, text, message):
    path = tmp_path / hub.ACCOUNTS_FILE
    path.write_text(text)
    with pytest.raises(hub.HubError, match=message):
        hub.read_accounts(path)


def test_a_login_code_works_once_and_only_for_its_user(tmp_path):
    code = hub.add_user(tmp_path, "ada")
    assert code not in (tmp_path / hub.CODES_FILE).read_text()  # only its hash is kept
    assert hub.consume_code(tmp_path, "wrong") is None
    assert hub.consume_code(tmp_path, code) == "ada"
    assert hub.consume_code(tmp_path, code) is None
    assert hub.read_accounts(tmp_path / hub.ACCOUNTS_FILE).candidates == ["ada"]


def test_a_new_code_replaces_the_old_one_and_codes_expire(tmp_path):
    first = hub.add_user(tmp_path, "ada")
    second = hub.add_user(tmp_path, "ada")
    assert hub.consume_code(tmp_path, first) is None
    third = hub.issue_code(tmp_path, "ada", now=time.time() - hub.CODE_SECONDS - 1)
    assert hub.consume_code(tmp_path, third) is None
    assert hub.consume_code(tmp_path, second) is None  # replaced by the third


def test_a_candidate_is_not_made_an_interviewer_by_add_user(tmp_path):
    hub.add_user(tmp_path, "ada")
    with pytest.raises(hub.HubError, match="already an account as candidate"):
        hub.add_user(tmp_path, "ada", interviewer=True)
    with pytest.raises(hub.HubError, match="not a valid account name"):
        hub.add_user(tmp_path, "../root")


def test_sizes_parse_as_jupyterhub_takes_them():
    assert hub.parse_bytes("2G") == 2 * 2**30
    assert hub.parse_bytes("512M") == 512 * 2**20
    assert hub.parse_bytes(1000) == 1000
    assert hub.parse_bytes(None) is None


@pytest.mark.skipif(os.geteuid() != 0 or not Path("/sys/fs/cgroup/memory/memory.limit_in_bytes").exists(),
                    reason="needs root and cgroup v1 memory and cpu controllers")
def test_a_server_cgroup_caps_memory_and_cpu_and_is_removed():
    folders = hub.make_server_cgroups(f"fil-unit{os.getpid()}", 256 * 2**20, 0.5)
    try:
        memory = next(f for f in folders if "memory" in str(f))
        cpu = next(f for f in folders if "/cpu/" in str(f))
        assert int((memory / "memory.limit_in_bytes").read_text()) == 256 * 2**20
        assert int((cpu / "cpu.cfs_quota_us").read_text()) == 50_000
    finally:
        hub.remove_cgroups(folders)
    assert not any(f.exists() for f in folders)


@pytest.mark.parametrize("path, no", [
    ("nbgrader_config.py", True), ("01_routing/up/nbgrader_config.py", True), ("jupyter_server_config.json", True),
    ("x/.jupyter/anything.py", True), ("sitecustomize.py", True), ("evil.pth", True),
    ("01_routing/routing.ipynb", False), ("app_config.py", False), ("notes.md", False),
])
def test_a_candidate_may_not_write_configuration(path, no):
    assert refused(path) is no


def test_candidates_servers_get_the_sandbox_and_no_terminal_on_their_command_line():
    from flasklab.hub_jupyterhub import CANDIDATE_ARGS

    joined = " ".join(CANDIDATE_ARGS)
    assert "kernel_manager_class=flasklab.interview_server.InterviewKernelManager" in joined
    assert "terminals_enabled=False" in joined
    assert "CandidateContentsManager" in joined


def test_only_the_interviewers_configuration_enables_instructor_tools():
    server = json.loads((HUB / "interviewer" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"] is True
    assert not (HUB / "candidate" / "jupyter_server_config.json").exists()
    assert "OwnerCheckedCollect" in (HUB / "interviewer" / "nbgrader_config.py").read_text()
    candidate = (HUB / "candidate" / "nbgrader_config.py").read_text()
    assert "PrivateSubmit" in candidate and "SandboxedKernelManager" in candidate


def test_the_proxy_is_pinned_by_a_lock():
    package = json.loads((HUB / "package.json").read_text())
    lock = json.loads((HUB / "package-lock.json").read_text())
    assert package["dependencies"] == {"configurable-http-proxy": "5.3.0"}
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == "5.3.0"


def _merged(defaults: object, ours: object) -> object:
    """Our values over the chart's defaults, as helm merges them."""
    if isinstance(defaults, dict) and isinstance(ours, dict):
        return {k: _merged(defaults.get(k), ours[k]) if k in ours else defaults[k] for k in defaults | ours}
    return ours


def _chart_values() -> dict:
    defaults = yaml.safe_load((ROOT / "tests" / "data" / "z2jh-values.defaults.yaml").read_text())
    merged = _merged(defaults, yaml.safe_load((HUB / "z2jh-values.yaml").read_text()))
    assert isinstance(merged, dict)
    return merged


def test_the_helm_values_match_zero_to_jupyterhubs_schema():
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "z2jh-values.schema.json").read_text())
    jsonschema.validate(_chart_values(), schema)
    values = yaml.safe_load((HUB / "z2jh-values.yaml").read_text())
    assert values["singleuser"]["memory"]["limit"] == "2G" and values["singleuser"]["cpu"]["limit"] == 1
    assert values["cull"]["enabled"] is True
    assert values["hub"]["config"]["JupyterHub"]["active_server_limit"] == 30
    mounts = values["singleuser"]["storage"]["extraVolumeMounts"]
    assert {"name": "exchange", "mountPath": "/srv/exchange"} in mounts


def test_a_wrong_value_fails_the_schema():
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "z2jh-values.schema.json").read_text())
    values = _chart_values()
    values["singleuser"]["storage"]["type"] = "floppy"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(values, schema)


def test_the_singleuser_image_installs_our_lock():
    from dockerfile_parse import DockerfileParser

    parser = DockerfileParser(path=str(HUB / "Dockerfile"))
    instructions = parser.structure
    runs = " ".join(i["value"] for i in instructions if i["instruction"] == "RUN")
    args = {i["value"].split("=")[0]: i["value"].split("=", 1)[1] for i in instructions if i["instruction"] == "ARG"}
    lock = args["LOCK"]
    assert (ROOT / lock).exists(), lock
    python = lock.removeprefix("constraints/py").removesuffix(".txt")
    assert parser.baseimage.startswith(f"python:{python}-")
    assert "-c ${LOCK}" in runs and "bubblewrap" in runs
    assert "pip==26.3" in runs  # the Makefile's PIP_PIN
    assert any(i["instruction"] == "USER" and i["value"] != "root" for i in instructions)


def test_the_hub_test_opens_a_private_checkout_for_its_run_only(tmp_path):
    """A clone in a private folder (CI's mktemp -d) gets o+x on the way down for the run, and its modes back."""
    import hubbing

    private = tmp_path / "private"
    venv = private / "clone" / ".venv"
    venv.mkdir(parents=True)
    private.chmod(0o700)
    venv.chmod(0o750)
    with hubbing.enterable_by_others(venv) as opened:
        assert private in opened and venv in opened
        assert stat.S_IMODE(private.stat().st_mode) == 0o701 and stat.S_IMODE(venv.stat().st_mode) == 0o751
        assert hub.venv_readable_by_others(str(venv)) is None
    assert stat.S_IMODE(private.stat().st_mode) == 0o700 and stat.S_IMODE(venv.stat().st_mode) == 0o750


def test_add_user_links_to_the_address_the_hub_serves(tmp_path):
    """`make hub HUB_PORT=8010`, then `flasklab hub add-user ada`: the link names port 8010, not the default."""
    from click.testing import CliRunner

    from flasklab.cli import main

    def link(*args: str) -> str:
        result = CliRunner().invoke(main, ["hub", "--state", str(tmp_path), *args])
        assert result.exit_code == 0, result.output
        return result.output.strip().split("?code=")[0]

    assert link("add-user", "ada") == "http://127.0.0.1:8000/hub/login-link"  # no hub has run here
    (tmp_path / hub.ADDRESS_FILE).write_text("http://127.0.0.1:8010\n")  # what a hub on 8010 writes at its start
    assert link("add-user", "ada") == "http://127.0.0.1:8010/hub/login-link"
    assert link("--port", "8020", "add-user", "ada") == "http://127.0.0.1:8020/hub/login-link"
    assert link("add-user", "ada", "--url", "https://hub.example.com") == "https://hub.example.com/hub/login-link"


def test_no_server_tries_to_migrate_ipython_3_configuration_into_the_read_only_config_folder() -> None:
    """jupyter_core migrates ~/.ipython at a server's start unless JUPYTER_CONFIG_DIR has a `migrated` file."""
    for role in ("candidate", "interviewer"):
        assert (hub.HUB_CONFIG / role / "migrated").is_file(), role


def test_the_hub_image_adds_flasklab_to_the_charts_own_without_its_dependencies():
    """The chart's hub image keeps its JupyterHub: flasklab goes in with --no-deps, and its import is checked."""
    from dockerfile_parse import DockerfileParser

    parser = DockerfileParser(path=str(HUB / "hub.Dockerfile"))
    instructions = parser.structure
    assert parser.baseimage.startswith("quay.io/jupyterhub/k8s-hub:")  # the chart's image, at --build-arg K8S_HUB_TAG
    runs = " ".join(i["value"] for i in instructions if i["instruction"] == "RUN")
    assert "pip install --no-cache-dir --no-deps ." in runs and 'import flasklab.hub_jupyterhub"' in runs
    copied = {i["value"].split()[0] for i in instructions if i["instruction"] == "COPY"}
    assert {"autograder/", "flasklab/", "pyproject.toml"} <= copied  # what `pip install .` builds from
    users = [i["value"] for i in instructions if i["instruction"] == "USER"]
    assert users[-1] == "jovyan", "the hub must not run as root in its pod"
    values = yaml.safe_load((HUB / "z2jh-values.yaml").read_text())
    assert values["hub"]["image"]["name"] == "flask-interview-lab-hub"
    state = values["hub"]["config"]["OneTimeCodeAuthenticator"]["state_dir"]
    mounts = {m["mountPath"] for m in values["hub"]["extraVolumeMounts"]}
    assert f"{state}/{hub.ACCOUNTS_FILE}" in mounts, "the authenticator reads the accounts where the ConfigMap is"
    assert f"{state}/{hub.ACCOUNTS_FILE}" in values["hub"]["extraConfig"]["flasklab-roles"]


def test_two_hubs_starting_at_once_both_get_the_interviewers_group(monkeypatch):
    """groupadd fails for the hub that comes second; the group the first one made is used."""
    import grp
    from types import SimpleNamespace

    made: list[str] = []

    def getgrnam(name: str) -> SimpleNamespace:
        if not made:
            raise KeyError(name)
        return SimpleNamespace(gr_gid=4711)

    def groupadd(*cmd: str) -> None:
        made.append("by the other hub")  # it wins the race ...
        raise hub.HubError("groupadd: group 'fil-interviewers' already exists")  # ... and ours fails

    monkeypatch.setattr(grp, "getgrnam", getgrnam)
    monkeypatch.setattr(hub, "_run", groupadd)
    assert hub.ensure_group("fil-interviewers") == 4711

    made.clear()
    monkeypatch.setattr(hub, "_run", lambda *cmd: (_ for _ in ()).throw(hub.HubError("groupadd: no permission")))
    with pytest.raises(hub.HubError, match="no permission"):
        hub.ensure_group("fil-interviewers")

"""The JupyterHub classes ``config/hub/jupyterhub_config.py`` names: an authenticator and a spawner.

Imported by the hub process only (it needs jupyterhub). ``flasklab.hub`` holds
the plain functions they use (accounts, codes, system users, cgroups), tested
without a hub.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Any

from jupyterhub.auth import Authenticator
from jupyterhub.handlers import BaseHandler
from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid
from tornado import web
from traitlets import Unicode

from . import hub

#: Server options every candidate's server gets on its command line (which no config file of theirs overrides).
CANDIDATE_ARGS = [
    # Kernels in the grading sandox: the notebook's folder only, read-only Python, no network.
    "--MappingKernelManager.kernel_manager_class=flasklab.interview_server.InterviewKernelManager",
    "--KernelSpecManager.allowed_kernelspecs=python3",
    # Files inside the home only (no link out), and no file Jupyter or nbgrader would run as configuration.
    "--ServerApp.contents_manager_class=flasklab.hub_singleuser.CandidateContentsManager",
    # A terminal is a shell outside the sandbox.
    "--ServerApp.terminals_enabled=False",
]


class OneTimeCodeAuthenticator(Authenticator):
    """Log in the people of the accounts file, each with a code that works once (``flasklab hub add-user``)."""

    state_dir = Unicode(help="The hub's state folder: hub-accounts.toml and login-codes.json.").tag(config=True)

    def _state(self) -> Path:
        return Path(self.state_dir)

    def accounts(self) -> hub.Accounts:
        return hub.read_accounts(self._state() / hub.ACCOUNTS_FILE)

    async def authenticate(self, handler: Any, data: dict[str, Any]) -> str | None:
        # From the login link's button ("code"), or the login form (the code as the password).
        code = str(data.get("code") or data.get("password") or "")
        name = hub.consume_code(self._state(), code)
        if name is None:
            self.log.warning("login refused: unknown, used or expired code")
            return None
        typed = str(data.get("username") or "")
        if typed and typed != name:
            self.log.warning("login refused: the code is not %s's", typed)
            return None
        return name

    def check_allowed(self, username: str, authentication: Any = None) -> bool:
        # Read each time: `flasklab hub add-user` needs no restart, and a name removed from the file is out.
        return self.accounts().role(username) is not None

    def get_handlers(self, app: Any) -> list[tuple[str, Any]]:
        return [*super().get_handlers(app), ("/login-link", LoginLinkHandler)]


class LoginLinkHandler(BaseHandler):
    """``/hub/login-link?code=...``: one button that logs in with the code (a GET spends nothing)."""

    async def get(self) -> None:
        code = self.get_argument("code", "")
        self.finish(
            "<!doctype html><html><head><meta charset='utf-8'><title>Flask Interview Lab: log in</title></head>"
            "<body style='font-family:sans-serif;max-width:30em;margin:4em auto'>"
            "<h1>Flask Interview Lab</h1><p>This link logs you in once.</p>"
            f"<form method='post' action='{html.escape(self.request.path)}'>{self.xsrf_form_html()}"
            f"<input type='hidden' name='code' value='{html.escape(code, quote=True)}'>"
            "<button type='submit' id='login'>Log in</button></form></body></html>"
        )

    async def post(self) -> None:
        user = await self.login_user({"code": self.get_body_argument("code", "")})
        if user is None:
            raise web.HTTPError(403, "This login link is not valid any more: ask your interviewer for a new one.")
        self.redirect(self.get_next_url(user))


class FlasklabSpawner(LocalProcessSpawner):
    """LocalProcessSpawner, as root: each person's server as ``fil-NAME``, capped by a cgroup.

    Interviewers get nbgrader's instructor tools (their own configuration
    folder enables formgrader and the course list) and plain kernels;
    candidates get sandboxed kernels, no terminal and files confined to their
    home (``CANDIDATE_ARGS``). Both read nbgrader's configuration from a
    root-owned folder of the checkout, ``config/hub/ROLE/``, never from their home.
    """

    state_dir = Unicode(help="The hub's state folder (accounts, homes, exchange).").tag(config=True)

    def _state(self) -> Path:
        return Path(self.state_dir)

    def role(self) -> str:
        role = hub.read_accounts(self._state() / hub.ACCOUNTS_FILE).role(self.user.name)
        if role is None:
            raise web.HTTPError(403, f"{self.user.name} is not in the hub's accounts file")
        return role

    def cgroup_folders(self) -> list[Path]:
        name = hub.system_name(self.user.name)
        return [p for p in (hub.CGROUP_V1 / "memory" / hub.CGROUP_PARENT / name,
                            hub.CGROUP_V1 / "cpu" / hub.CGROUP_PARENT / name,
                            hub.CGROUP_V1 / hub.CGROUP_PARENT / name,
                            hub.CGROUP_V1 / "unified" / hub.CGROUP_PARENT / name) if p.is_dir()]

    async def start(self) -> Any:
        role = self.role()
        state = self._state()
        hub.ensure_system_user(state, self.user.name, role == "interviewer")
        if role == "interviewer":
            hub.prepare_interviewer_course(state, self.user.name)
            course = hub.exchange_root(state) / hub.COURSE_ID
            if not course.exists():
                hub.prepare_exchange(state, self.user.name)
        hub.remove_cgroups(self.cgroup_folders())
        self._cgroups = hub.make_server_cgroups(hub.system_name(self.user.name), hub.parse_bytes(self.mem_limit),
                                                self.cpu_limit)
        if not self._cgroups and (self.mem_limit or self.cpu_limit):
            self.log.warning("no cgroup could be made for %s: its memory and CPU are not capped", self.user.name)
        return await super().start()

    def make_preexec_fn(self, name: str) -> Any:
        drop = set_user_setuid(hub.system_name(self.user.name))
        join = hub.join_cgroups(getattr(self, "_cgroups", []))

        def preexec() -> None:
            join()  # as root, before the user is switched: the server and its kernels stay in the cgroup
            os.umask(0o077)
            drop()

        return preexec

    def user_env(self, env: dict[str, str]) -> dict[str, str]:
        env["USER"] = env["LOGNAME"] = hub.system_name(self.user.name)
        env["HOME"] = str(hub.home_of(self._state(), self.user.name))
        env["SHELL"] = "/bin/bash"
        return env

    def get_env(self) -> dict[str, Any]:
        env: dict[str, Any] = super().get_env()
        role = self.role()
        home = hub.home_of(self._state(), self.user.name)
        env["PATH"] = f"{Path(self.cmd[0]).parent}:/usr/local/bin:/usr/bin:/bin"
        # Configuration from the checkout's root-owned folder for the role, not from ~/.jupyter. Its
        # `migrated` file tells jupyter_core that there is nothing to migrate from IPython 3: without
        # it, a server finding ~/.ipython (its first run made one) writes that file at start-up,
        # cannot, and dies, so nobody's second server would ever start.
        env["JUPYTER_CONFIG_DIR"] = str(hub.HUB_CONFIG / role)
        env.pop("JUPYTER_CONFIG_PATH", None)
        env["JUPYTERLAB_SETTINGS_DIR"] = str(home / ".jupyter" / "lab" / "user-settings")
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(home / ".jupyter" / "lab" / "workspaces")
        env["FLASKLAB_EXCHANGE"] = str(hub.exchange_root(self._state()))
        env["FLASKLAB_COURSE"] = str(home / "course") if role == "interviewer" else ""
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        return env

    def get_args(self) -> list[str]:
        args: list[str] = super().get_args()
        if self.role() == "candidate":
            args += CANDIDATE_ARGS
        return args

    async def stop(self, now: bool = False) -> None:
        await super().stop(now=now)
        # Kernels and sandboxes the server left behind are in its cgroup: end them with it.
        hub.remove_cgroups(self.cgroup_folders())

"""What a ``flasklab interview`` Jupyter server loads: two people, one folder, sandboxed kernels.

The server is configured (``flasklab.interview.server_config``) to use:

- ``InterviewIdentityProvider``: two tokens, two people. The interviewer's
  token and the candidate's each log in a fixed user (name, initials,
  colour), so real-time collaboration shows two collaborators and the
  session log can tell who ran what.
- ``InterviewAuthorizer``: what nobody may do in an interview (export with
  nbconvert, open a terminal) and what only the interviewer may (shut the
  server down).
- ``ConfinedContentsManager``: files are served and saved only inside the
  server's root, even through a symbolic link the candidate's kernel made
  there (jupyter_server follows links out of the root; it trusts whoever
  made them, and here that is the candidate).
- ``InterviewKernelManager``: each kernel in the bubblewrap sandbox grading
  uses, with interview-sized limits, working in the notebook's folder and
  never outside the root.

It is also a server extension of its own, loaded in interviews only: it
answers JupyterLab's build API, so that nobody rebuilds JupyterLab (node, in
the project's environment) from the browser.
"""

from __future__ import annotations

import errno
import hmac
import json
import os
import shutil
from pathlib import Path
from typing import Any

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from jupyter_server.utils import url_path_join
from tornado import web
from traitlets import Integer, Unicode, default

from .sandbox import SandboxedKernelManager

INTERVIEWER, CANDIDATE = "interviewer", "candidate"
#: Resources only the interviewer may use ("server": POST /api/shutdown).
INTERVIEWER_ONLY = frozenset({"server"})
#: Resources nobody may use in an interview. nbconvert's exporters (PDF through LaTeX or a browser) run
#: programs outside the sandbox on what the candidate wrote; terminals are a shell (and switched off too).
NOBODY = frozenset({"nbconvert", "terminals"})


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "flasklab.interview_server"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Answer in JupyterLab's place where it would run programs outside the sandbox.

    Extensions load in alphabetical order and the handlers added first are
    matched first, so these come before JupyterLab's own.
    """
    route = url_path_join(serverapp.base_url, "/lab/api/build")
    serverapp.web_app.add_handlers(".*$", [(route, NoBuildHandler)])


class NoBuildHandler(APIHandler):
    """JupyterLab's build API without the build: a rebuild runs node in the project's environment."""

    @web.authenticated
    def get(self) -> None:
        self.finish(json.dumps({"status": "stable", "message": ""}))

    @web.authenticated
    def post(self) -> None:
        raise web.HTTPError(403, "JupyterLab is not rebuilt during an interview")

    delete = post


def initials(name: str) -> str:
    """Return up to two capital initials of ``name`` ("Ada Lovelace" -> "AL")."""
    letters = [word[0] for word in name.split() if word[:1].isalnum()]
    return ("".join(letters[:1] + letters[1:][-1:]) or "?").upper()


class InterviewIdentityProvider(IdentityProvider):
    """Log in the interviewer or the candidate, each by their own token."""

    interviewer_token = Unicode(help="Token of the interviewer's URL.").tag(config=True)
    candidate_token = Unicode(help="Token of the URL handed to the candidate.").tag(config=True)
    interviewer_name = Unicode("Interviewer", help="The interviewer's name, shown to collaborators.").tag(config=True)
    candidate_name = Unicode("Candidate", help="The candidate's name, shown to collaborators.").tag(config=True)
    interviewer_color = Unicode("#1565c0", help="CSS colour of the interviewer's cursor and icon.").tag(config=True)
    candidate_color = Unicode("#e65100", help="CSS colour of the candidate's cursor and icon.").tag(config=True)
    @default("updatable_fields")
    def _updatable_fields_default(self) -> list[str]:
        # Nobody renames themselves in an interview: both identities are the interviewer's choice.
        return []

    @default("token")
    def _token_default(self) -> str:
        # No server-wide token: JupyterLab writes that one into every page it serves, the candidate's
        # included. The two tokens are checked below; the pages then work with the login cookie.
        return ""

    def users(self) -> dict[str, User]:
        """Return the two users, by username."""
        return {
            INTERVIEWER: User(INTERVIEWER, self.interviewer_name, self.interviewer_name,
                              initials(self.interviewer_name), None, self.interviewer_color),
            CANDIDATE: User(CANDIDATE, self.candidate_name, self.candidate_name,
                            initials(self.candidate_name), None, self.candidate_color),
        }

    def user_for_token(self, token: str) -> User | None:
        """Return the user whose token ``token`` is, or None."""
        if not token:
            return None
        for username, expected in ((INTERVIEWER, self.interviewer_token), (CANDIDATE, self.candidate_token)):
            if expected and hmac.compare_digest(token.encode(), expected.encode()):
                return self.users()[username]
        return None

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        return self.user_for_token(self.get_token(handler) or "")

    def user_from_cookie(self, cookie_value: str) -> User | None:
        # The cookie is signed by this server; it only names which of the two people logged in.
        try:
            username = json.loads(cookie_value)["username"]
        except (ValueError, KeyError, TypeError):
            return None
        return self.users().get(username)

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        return self.user_for_token(handler.get_argument("password", default=""))


class InterviewAuthorizer(Authorizer):
    """Refuse ``NOBODY``'s resources to both people, and ``INTERVIEWER_ONLY``'s to the candidate."""

    def is_authorized(self, handler: Any, user: User, action: str, resource: str) -> bool:
        if resource in NOBODY:
            return False
        if user.username == INTERVIEWER:
            return True
        return user.username == CANDIDATE and resource not in INTERVIEWER_ONLY


class OutsideRoot(web.HTTPError, OSError):
    """A path that leads out of the server's root: 404 to a client.

    Also an OSError (EACCES), so that a folder listing skips a link that leads
    out, as it skips a file it may not read, instead of failing whole.
    """

    def __init__(self, path: str) -> None:
        web.HTTPError.__init__(self, 404, "%s leads outside the interview's folder", path)
        self.errno = errno.EACCES


def inside(root: str | Path, os_path: str | Path) -> bool:
    """Whether ``os_path``, with every symbolic link followed, is ``root`` or below it."""
    real_root = os.path.realpath(root)
    real = os.path.realpath(os_path)
    return real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep)


class ConfinedContentsManager(AsyncLargeFileManager):
    """jupyter_server's file manager that neither reads nor writes through a link out of its root."""

    def _get_os_path(self, path: str) -> str:
        os_path: str = super()._get_os_path(path)
        if not inside(self.root_dir, os_path):
            raise OutsideRoot(path)
        return os_path


class InterviewKernelManager(SandboxedKernelManager, ServerKernelManager):
    """A kernel of the interview server: sandboxed, restartable, inside the server's root.

    jupyter_server's kernel manager (an IOLoop one: it watches for a dead
    kernel and restarts it, and tracks its activity) with grading's sandbox. The
    kernel works in the notebook's folder; a kernel started without a
    notebook works in the root. A folder outside the root (``../``, or a link
    the candidate made) is refused: the sandbox would show it to the kernel.
    So is a kernel other than the allowed ones (``python3``).
    """

    # A live interview runs longer than one graded notebook (300 s).
    cpu_seconds = Integer(2 * 3600, help="CPU seconds one kernel may use in all.").tag(config=True)

    async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
        allowed = self.kernel_spec_manager.allowed_kernelspecs
        if allowed and self.kernel_name not in allowed:  # the list hides the others; a start may still name one
            raise self._refuse(f"no kernel {self.kernel_name!r} in an interview")
        root = getattr(self.parent, "root_dir", "")
        if not root:
            raise RuntimeError("the interview's kernel manager has no root folder; start it from flasklab interview")
        cwd = kw.get("cwd") or root
        if not inside(root, cwd):
            raise self._refuse("a kernel may only work inside the interview's folder")
        kw["cwd"] = os.path.realpath(cwd)
        return await super()._async_pre_start_kernel(**kw)

    def _refuse(self, message: str) -> web.HTTPError:
        shutil.rmtree(self.run_dir, ignore_errors=True)  # made for a kernel that will not start
        return web.HTTPError(403, message)

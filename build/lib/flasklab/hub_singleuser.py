"""What a candidate's single-user server under ``flasklab hub`` loads (config/hub/candidate/).

The candidate's kernels run in the grading sandbox (``InterviewKernelManager``),
but the server itself runs as the candidate's system user outside it, and it
would run as configuration any ``nbgrader_config.py`` in its root (nbgrader
reads one from the folder it works in) or Jupyter configuration file. So the
contents manager refuses to write such files, as well as anything through a
link that leads out of the home (a kernel can make links in its folder, and
jupyter_server follows them).
"""

from __future__ import annotations

import os
import re
from typing import Any

from tornado import web

from .interview_server import ConfinedContentsManager

#: Files Jupyter, IPython or nbgrader would load as configuration, or that start programs.
CONFIG_NAME = re.compile(
    r"(nbgrader_config|jupyter_\w*config|ipython_\w*config)\.(py|json|toml|ya?ml)$|"
    r"(\.pth|sitecustomize\.py|usercustomize\.py)$",
    re.IGNORECASE,
)


def refused(path: str) -> bool:
    """Whether a candidate may not write ``path`` (an API path)."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    return bool(parts) and (CONFIG_NAME.search(parts[-1]) is not None or any(p.startswith(".") for p in parts))


class CandidateContentsManager(ConfinedContentsManager):
    """Files in the home only, and none that Jupyter or nbgrader would run as configuration."""

    def _refuse(self, path: str) -> None:
        if refused(path):
            raise web.HTTPError(403, f"{os.path.basename(path) or path}: a candidate may not write this file")

    async def save(self, model: Any, path: str = "") -> Any:
        self._refuse(path)
        return await super().save(model, path)

    async def rename_file(self, old_path: str, new_path: str) -> Any:
        self._refuse(new_path)
        return await super().rename_file(old_path, new_path)

    async def new(self, model: Any = None, path: str = "") -> Any:
        self._refuse(path)
        return await super().new(model, path)

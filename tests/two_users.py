"""An IdentityProvider for tests: two tokens, two jupyter_server users, as an interview has.

Started servers import it by name (``--ServerApp.identity_provider_class=two_users.TwoUsers``)
with this folder on their PYTHONPATH.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web


@dataclass
class RoleUser(User):
    """A user who also says which side of the interview they are on."""

    role: str = ""


USERS = {
    "interviewer-token": RoleUser("ivy", name="Ivy Interviewer", display_name="Ivy (interviewer)",
                                  role="interviewer"),
    "candidate-token": RoleUser("cal", name="Cal Candidate", display_name="Cal (candidate)", role="candidate"),
}


class TwoUsers(IdentityProvider):
    """Each token is its own user, who stays logged in by the usual login cookie (as a browser needs)."""

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        return USERS.get(self.get_token(handler) or "")

    def user_from_cookie(self, cookie_value: str) -> User | None:
        username = json.loads(cookie_value).get("username")
        return next((user for user in USERS.values() if user.username == username), None)

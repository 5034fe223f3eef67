"""An IdentityProvider for tests: two tokens, two jupyter_server users, as an interview has.

Started servers import it by name (``--ServerApp.identity_provider_class=two_users.TwoUsers``)
with this folder on their PYTHONPATH.
"""

from __future__ import annotations

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
    """Each token is its own user; any other request is not logged in."""

    def get_user(self, handler: web.RequestHandler) -> User | None:
        return USERS.get(self.get_token(handler) or "")

    def is_token_authenticated(self, handler: web.RequestHandler) -> bool:
        return (self.get_token(handler) or "") in USERS

"""Flask Interview Lab: what a candidate's kernel imports (checks for test cells, the Check panel).

Test cells use::

    from autograder import check_app
    app = check_app(create_app)
    app.get("/health").expect(200, json={"status": "ok"})
"""

from ._guard import CheckFailed
from .probe import AppProbe, Reply, check_app

__all__ = ["AppProbe", "CheckFailed", "Reply", "check_app"]

"""nbgrader in a candidate's server under flasklab hub (docs/hub.md): the course's exchange, sandboxed Validate.

Read from this folder (the server's JUPYTER_CONFIG_DIR, set by FlasklabSpawner), never from the candidate's home.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "flask-interview-lab"
c.Exchange.root = os.environ["FLASKLAB_EXCHANGE"]
# Validate runs the notebook: in the grading sandbox, as every kernel of a candidate does.
c.Execute.kernel_manager_class = "flasklab.sandbox.SandboxedKernelManager"
# Submissions readable by the candidate and the interviewers only (nbgrader#978; flasklab/hub_exchange.py).
c.ExchangeFactory.submit = "flasklab.hub_exchange.PrivateSubmit"

"""nbgrader in an interviewer's server under flasklab hub (docs/hub.md): their course folder and the exchange.

The course folder (~/course: the project's nbgrader_config.py, source/ and release/, copied by the hub
at each start of the server) holds the gradebook, submitted/, autograded/ and feedback/.
"""

import os

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "flask-interview-lab"
c.CourseDirectory.root = os.environ["FLASKLAB_COURSE"]
c.Exchange.root = os.environ["FLASKLAB_EXCHANGE"]
# Collect only submissions made by the student they name (nbgrader#978; flasklab/hub_exchange.py).
c.ExchangeFactory.collect = "flasklab.hub_exchange.OwnerCheckedCollect"

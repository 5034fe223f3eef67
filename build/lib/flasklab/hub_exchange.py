"""nbgrader's default exchange, collected only from submissions their own student made.

A submission in the exchange's inbound folder is named ``STUDENT+ASSIGNMENT+TIMESTAMP+RANDOM``,
and STUDENT is whatever the submitting server's nbgrader configuration says
(``CourseDirectory.student_id``): nothing stops one candidate submitting under
another's name, and nbgrader collects the newest submission of each name. The
folder itself is made by the submitting process, so its owner is the system user
who really submitted. ``OwnerCheckedCollect`` collects a submission only when
that owner is the named student (``fil-NAME`` under flasklab hub, where the
student id is the system user's name); any other is skipped with a warning.

nbgrader's submit then makes every file of the submission readable by everyone
(0644, in a 0777 folder): only the name's 72 random bits keep another student
out. ``PrivateSubmit`` closes its folders to everyone but their owner and
group: the inbound folder's set-group-id bit gives every folder of the
submission the interviewers' group when it is made, so folders 0770 (files
stay 0644 inside them: two of them are written after a copy that clears the
bit, so their group is the student's own) let the interviewers in and nobody
else, not even a student who learned the name.
"""

from __future__ import annotations

import glob
import os
import pwd

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.exchange.default.collect import ExchangeCollect, groupby
from nbgrader.exchange.default.submit import ExchangeSubmit


def owner_name(path: str) -> str | None:
    try:
        return pwd.getpwuid(os.lstat(path).st_uid).pw_name
    except (KeyError, OSError):
        return None


class OwnerCheckedCollect(ExchangeCollect):
    """nbgrader's collect that skips a submission whose folder its named student did not make."""

    def init_src(self) -> None:
        if self.coursedir.course_id == "":
            self.fail("No course id specified. Re-run with --course flag.")
        self.course_path = os.path.join(self.root, self.coursedir.course_id)
        self.inbound_path = os.path.join(self.course_path, "inbound")
        if not os.path.isdir(self.inbound_path):
            self.fail(f"Course not found: {self.inbound_path}")
        student_id = self.coursedir.student_id if self.coursedir.student_id else "*"
        pattern = os.path.join(self.inbound_path, f"{student_id}+{self.coursedir.assignment_id}+*")
        records = []
        for path in glob.glob(pattern):
            record = self._path_to_record(path)
            owner = owner_name(path)
            if owner != record["username"]:
                self.log.warning("not collected: %s names %s but was submitted by %s", os.path.basename(path),
                                 record["username"], owner)
                continue
            records.append(record)
        usergroups = groupby(records, lambda item: item["username"])
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                self.duedate = gb.find_assignment(self.coursedir.assignment_id).duedate
            except MissingEntry:
                self.duedate = None
        self.src_records = []
        for group in usergroups.values():
            ordered = self._sort_by_timestamp(group)
            if self.duedate is not None and self.before_duedate:
                before = [r for r in ordered if r["timestamp"] <= self.duedate]
                ordered = before or ordered
            self.src_records.append(ordered[0])


class PrivateSubmit(ExchangeSubmit):
    """nbgrader's submit, leaving the submission readable by its student and the interviewers' group only."""

    def copy_files(self) -> None:
        super().copy_files()
        dest = os.path.join(self.inbound_path, self.assignment_filename)
        for folder, dirs, _files in os.walk(dest):
            for name in dirs:
                os.chmod(os.path.join(folder, name), 0o770)
        os.chmod(dest, 0o770)

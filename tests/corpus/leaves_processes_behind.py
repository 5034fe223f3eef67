"""Starts a detached `sleep 600` and a double-forked writer that waits 5 s, then defines the correct app.

The writer tries, at once and again after 5 s, to overwrite every gradebook
and grading state file it can guess from its working copy's path, and to drop
marker files there. Inside the sandbox none of those files exist and the
processes die with the kernel. The Flask code is ours: full marks.
test_no_process_of_a_candidate_survives_grading checks that no `sleep 600`
survives, no marker appeared on the host and the gradebook is intact.

exercise: 01_routing
expect: full marks
"""
# %% prepend your_app
import subprocess
import sys
from pathlib import Path

_WRITER = r'''
import os, sys, time
from pathlib import Path
if os.fork():
    os._exit(0)
os.setsid()
here = Path(sys.argv[1])

def attack(round):
    for folder in [here, *here.parents]:
        for name in ("gradebook.db", "template.db", "flasklab-grades.json", "scores.json"):
            target = folder / name
            try:
                if target.exists():
                    with open(target, "wb") as f:
                        f.write(b"corpus-leftover overwrote this")
            except OSError:
                pass
        try:
            (folder / f"corpus-leftover-{round}.txt").write_text("written by a leftover process")
        except OSError:
            pass

attack("now")
time.sleep(5)
attack("later")
'''

subprocess.Popen(["sleep", "600"], start_new_session=True)
subprocess.Popen([sys.executable, "-c", _WRITER, str(Path.cwd().resolve())], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print("started sleep 600 and the writer")

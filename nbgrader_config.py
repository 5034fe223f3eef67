"""The one place nbgrader is configured for Flask Interview Lab.

No machine paths: nbgrader runs with the course folder as its working
directory (the project root, or a scratch course made by flasklab / the tests).
Why each setting is here: docs/grading-traps.md.
"""

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "flask-interview-lab"

# Stubs the candidate sees in place of our solutions.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A hanging cell is stopped and scores 0; a cell that swallows the interrupt
# must not make nbgrader delete the candidate's output and record no grade.
c.Execute.timeout = 30
c.Execute.raise_on_iopub_timeout = False
# Tracebacks in autograded notebooks and feedback show the exception message
# only, never the lines of a hidden test.
c.Execute.extra_arguments = ["--InteractiveShell.xmode=Minimal"]

# Feedback a candidate may read: grades and messages, without hidden tests.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# nbconvert's HTMLExporter, without its BeautifulSoup pass over pages that have
# nothing it edits (no image, no JupyterLab-template cell): 60% of the CPU.
c.GenerateFeedback.exporter_class = "flasklab.feedback_html.FeedbackHTMLExporter"

# Before a submission runs: nbgrader's own sanitising steps, plus one that drops
# every cell tag, so that a tag the candidate adds (skip-execution skips a test
# cell, which then scores full marks) or removes cannot change a grade
# (flasklab/sanitize.py). CheckCellMetadata is nbgrader's, with its JSON schema
# checked once per process instead of once per cell (flasklab/sanitize.py).
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "flasklab.sanitize.ClearCellTags",
    "flasklab.sanitize.CheckCellMetadata",
]

# Each test cell runs in a copy of the notebook's namespace, as a Check does, so
# no name a test binds replaces one of the candidate's (flasklab/sanitize.py).
# Candidate code shares the kernel with the tests. Between running the notebook
# and saving its grades, fail every test cell of a notebook whose code reaches
# into IPython or the grader (autograder/integrity.py says why and what).
c.Autograde.autograde_preprocessors = [
    "flasklab.sanitize.IsolateTestCells",
    "nbgrader.preprocessors.Execute",
    "flasklab.sanitize.RestoreTestCells",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "flasklab.integrity.CheckIntegrity",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "flasklab.sanitize.CheckCellMetadata",
]

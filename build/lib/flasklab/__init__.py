"""Flask Interview Lab, the instructor's side: build, catalogue, grade, sandbox, reports.

Nothing here is imported by a candidate's kernel; that is ``autograder``.
"""

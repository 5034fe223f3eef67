"""Reports RQ's status value as it is, so a job waiting for its retry says "scheduled", not "queued".

expect: task2_hidden
"""
# %% your_app
# -         if status in (JobStatus.SCHEDULED, JobStatus.DEFERRED):
# -             body["status"] = "queued"
# -         elif status == JobStatus.FINISHED:
# +         if status == JobStatus.FINISHED:

"""Fetches the job without catching NoSuchJobError, so an unknown job id is a 500, not a 404.

expect: task2_hidden
"""
# %% your_app
# -         try:
# -             job = Job.fetch(job_id, connection=app.config["REDIS"])
# -         except NoSuchJobError:
# -             abort(404)
# -         status = job.get_status()
# +         job = Job.fetch(job_id, connection=app.config["REDIS"])
# +         status = job.get_status()

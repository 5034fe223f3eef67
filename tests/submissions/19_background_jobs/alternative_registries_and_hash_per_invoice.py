"""A correct app written as plain functions: the status is read from the queue and RQ's registries rather
than the job's status field, sent-records live in one Redis hash per invoice (a field per address), the
job is enqueued with args= and a single-element list of intervals per config, and dead letters carry
only the last line of the traceback.

expect: full marks
"""
# %% your_app
from flask import Flask, abort, jsonify, request, url_for
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry, FinishedJobRegistry, ScheduledJobRegistry, StartedJobRegistry


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    current = get_current_job()
    db = current.connection
    record = f"ledgerly:invoice:{invoice_id}:mails"
    if db.hexists(record, to):
        return json.loads(db.hget(record, to))
    mailer = Mailer(db)
    try:
        message_id = mailer.send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    except MailRejected:
        current.retries_left = 0
        raise
    db.hset(record, to, json.dumps({"invoice_id": invoice_id, "to": to, "message_id": message_id}))
    return {"invoice_id": invoice_id, "to": to, "message_id": message_id}


def reason(job):
    info = job.exc_info or ""
    return info.strip().splitlines()[-1] if info.strip() else "unknown"


def where_is(job, db):
    if job.id in StartedJobRegistry("invoices", connection=db):
        return "started"
    if job.id in FinishedJobRegistry("invoices", connection=db):
        return "finished"
    if job.id in FailedJobRegistry("invoices", connection=db):
        return "failed"
    if job.id in ScheduledJobRegistry("invoices", connection=db):
        return "queued"
    return "queued"


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    settings = {"REDIS": fresh_redis(), "RETRIES": 3, "BACKOFF": [10, 30, 60]}
    if test_config:
        settings.update(test_config)
    app.config.from_mapping(settings)

    @app.post("/invoices/<invoice_id>/send")
    def send_it(invoice_id):
        if invoice_id not in INVOICES:
            return jsonify(error="unknown invoice"), 404
        data = request.get_json(silent=True)
        if not isinstance(data, dict) or not isinstance(data.get("to"), str) or "@" not in data["to"]:
            return jsonify(error="bad address"), 400
        job = Queue("invoices", connection=app.config["REDIS"]).enqueue(
            send_invoice, args=(invoice_id, data["to"]),
            retry=Retry(app.config["RETRIES"], [seconds for seconds in app.config["BACKOFF"]]),
        )
        status_url = url_for("job_status", job_id=job.id)
        return jsonify(job_id=job.id, status_url=status_url), 202, {"Location": url_for("job_status", job_id=job.id, _external=True)}

    @app.get("/jobs/<job_id>", endpoint="job_status")
    def status(job_id):
        db = app.config["REDIS"]
        try:
            job = Job.fetch(job_id, connection=db)
        except NoSuchJobError:
            abort(404)
        state = where_is(job, db)
        payload = {"job_id": job.id, "status": state}
        if state == "finished":
            payload["result"] = job.return_value()
        elif state == "failed":
            payload["error"] = reason(job)
        return jsonify(payload)

    @app.get("/dead-letters")
    def dead():
        db = app.config["REDIS"]
        rows = []
        for job_id in FailedJobRegistry("invoices", connection=db).get_job_ids():
            job = Job.fetch(job_id, connection=db)
            invoice_id, to = job.args
            rows.append({"job_id": job_id, "invoice_id": invoice_id, "to": to, "reason": reason(job)})
        return jsonify(rows)

    return app

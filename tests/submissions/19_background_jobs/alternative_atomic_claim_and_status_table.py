"""A correct app whose job claims the invoice and address atomically with SET NX before sending and
deletes the claim when sending fails; statuses come from a lookup table, the job is built with
Job.create and Queue.enqueue_job, and dead letters come from the queue's failed_job_registry.

expect: full marks
"""
# %% your_app
from flask import Flask, abort, jsonify, request, url_for
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry

REPORTED = {
    JobStatus.QUEUED: "queued", JobStatus.SCHEDULED: "queued", JobStatus.DEFERRED: "queued",
    JobStatus.STARTED: "started", JobStatus.FINISHED: "finished", JobStatus.FAILED: "failed",
}
CLAIMED = "claimed"


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    job = get_current_job()
    redis = job.connection
    key = "sent:" + json.dumps({"invoice": invoice_id, "to": to}, sort_keys=True)
    if not redis.set(key, CLAIMED, nx=True):
        stored = redis.get(key).decode()
        if stored == CLAIMED:
            raise MailServerBusy("another job is sending this invoice right now")
        return json.loads(stored)
    try:
        message_id = Mailer(redis).send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    except Exception as error:
        redis.delete(key)
        if isinstance(error, MailRejected):
            job.retries_left = 0
        raise
    result = {"invoice_id": invoice_id, "to": to, "message_id": message_id}
    redis.set(key, json.dumps(result))
    return result


def last_line(job):
    text = job.latest_result().exc_string if job.latest_result() else ""
    return (text or "").strip().splitlines()[-1] if (text or "").strip() else "unknown"


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    app.config["REDIS"] = fresh_redis()
    app.config["RETRIES"] = 3
    app.config["BACKOFF"] = [10, 30, 60]
    for key, value in (test_config or {}).items():
        app.config[key] = value

    def redis():
        return app.config["REDIS"]

    @app.route("/invoices/<invoice_id>/send", methods=["POST"])
    def enqueue_sending(invoice_id):
        body = request.get_json(silent=True) or {}
        address = body.get("to") if isinstance(body, dict) else None
        if invoice_id not in INVOICES:
            abort(404)
        if not (isinstance(address, str) and "@" in address):
            abort(400)
        queue = Queue("invoices", connection=redis())
        job = Job.create(send_invoice, args=(invoice_id, address), connection=redis(), origin=queue.name,
                         retry=Retry(max=app.config["RETRIES"], interval=app.config["BACKOFF"]))
        queue.enqueue_job(job)
        response = jsonify({"job_id": job.id, "status_url": f"/jobs/{job.id}", "status": "queued"})
        response.status_code = 202
        response.headers["Location"] = f"/jobs/{job.id}"
        return response

    @app.route("/jobs/<job_id>")
    def show_job(job_id):
        try:
            job = Job.fetch(job_id, connection=redis())
        except NoSuchJobError:
            return jsonify(error="unknown job"), 404
        status = REPORTED.get(job.get_status(), "queued")
        body = {"job_id": job_id, "status": status}
        if status == "finished":
            body["result"] = job.return_value()
        if status == "failed":
            body["error"] = last_line(job)
        return jsonify(body)

    @app.route("/dead-letters")
    def list_dead_letters():
        registry = Queue("invoices", connection=redis()).failed_job_registry
        letters = []
        for job in Job.fetch_many(registry.get_job_ids(), connection=redis()):
            if job is not None:
                letters.append(dict(zip(("invoice_id", "to"), job.args), job_id=job.id, reason=last_line(job)))
        return jsonify(letters)

    return app

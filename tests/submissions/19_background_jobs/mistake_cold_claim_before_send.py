"""Claims the invoice/address key with SET NX before sending and never releases it when sending fails, so the retry sends nothing. Breaks task 4: "records nothing as sent when sending failed: a retry after a failed attempt sends the email, once."

expect: task4_hidden
"""
# %% your_app
from flask import Flask, abort, jsonify, request, url_for
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry


def _last_line(exc_string):
    lines = [line for line in (exc_string or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    connection = get_current_job().connection
    key = f"invoice-mail:{invoice_id}:{to}"
    if not connection.set(key, json.dumps({"invoice_id": invoice_id, "to": to, "message_id": None}), nx=True):
        return json.loads(connection.get(key))
    try:
        message_id = Mailer(connection).send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    except MailRejected:
        # permanent: no retry, whatever RETRIES says
        get_current_job().retries_left = 0
        raise
    result = {"invoice_id": invoice_id, "to": to, "message_id": message_id}
    connection.set(key, json.dumps(result))
    return result


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    app.config.from_mapping(REDIS=fresh_redis(), RETRIES=3, BACKOFF=[10, 30, 60])
    if test_config is not None:
        app.config.update(test_config)

    def queue():
        return Queue("invoices", connection=app.config["REDIS"])

    @app.post("/invoices/<invoice_id>/send")
    def send(invoice_id):
        if invoice_id not in INVOICES:
            abort(404)
        body = request.get_json(silent=True)
        if not isinstance(body, dict):
            return jsonify(error="the body must be a JSON object"), 400
        to = body.get("to")
        if not isinstance(to, str) or "@" not in to:
            return jsonify(error="'to' must be an email address"), 422
        job = queue().enqueue(
            send_invoice, invoice_id, to,
            retry=Retry(max=app.config["RETRIES"], interval=app.config["BACKOFF"]),
        )
        url = url_for("job_status", job_id=job.id)
        return jsonify(job_id=job.id, status_url=url), 202, {"Location": url}

    @app.get("/jobs/<job_id>")
    def job_status(job_id):
        try:
            job = Job.fetch(job_id, connection=app.config["REDIS"])
        except NoSuchJobError:
            abort(404)
        status = job.get_status()
        status = status.value if isinstance(status, JobStatus) else status
        if status == "scheduled":
            status = "queued"
        reply = {"job_id": job.id, "status": status, "result": None}
        if status == "finished":
            reply["result"] = job.return_value()
        elif status == "failed":
            latest = job.latest_result()
            reply["error"] = _last_line(latest.exc_string if latest else "")
        return jsonify(reply)

    @app.get("/dead-letters")
    def dead_letters():
        connection = app.config["REDIS"]
        registry = FailedJobRegistry(queue=queue())
        letters = []
        for job in Job.fetch_many(registry.get_job_ids(), connection=connection):
            if job is None:
                continue
            args = list(job.args or ())
            kwargs = job.kwargs or {}
            latest = job.latest_result()
            letters.append({
                "job_id": job.id,
                "invoice_id": kwargs.get("invoice_id", args[0] if len(args) > 0 else None),
                "to": kwargs.get("to", args[1] if len(args) > 1 else None),
                "reason": _last_line(latest.exc_string if latest else ""),
            })
        return jsonify(letters)

    return app

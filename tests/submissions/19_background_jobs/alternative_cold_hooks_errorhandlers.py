"""before_request hook validates the send request into g, after_request adds Location, abort + JSON error handlers, one Redis hash per invoice, retries_left = None for MailRejected, is_* properties for status, FailedJobRegistry(name, connection).

expect: full marks
"""
# %% your_app
from flask import Flask, abort, g, jsonify, request, url_for
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry
from werkzeug.exceptions import HTTPException


def _exception_line(result):
    """'ClassName: message' from a failed RQ result."""
    text = (result.exc_string or "").rstrip() if result is not None else ""
    return text.rsplit("\n", 1)[-1].strip()


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    job = get_current_job()
    r = job.connection
    mailed = f"ledgerly:invoice:{invoice_id}:mailed"  # hash: address -> JSON result
    stored = r.hget(mailed, to)
    if stored is not None:
        return json.loads(stored)
    try:
        message_id = Mailer(r).send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    except MailRejected:
        job.retries_left = None  # a bounce is final: RQ must not retry it
        raise
    outcome = {"invoice_id": invoice_id, "to": to, "message_id": message_id}
    r.hset(mailed, to, json.dumps(outcome))
    return outcome


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    app.config.update(REDIS=fresh_redis(), RETRIES=3, BACKOFF=[10, 30, 60])
    if test_config:
        app.config.update(test_config)

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.name, detail=error.description), error.code

    @app.before_request
    def validate_send():
        if request.endpoint != "send":
            return None
        if request.view_args["invoice_id"] not in INVOICES:
            abort(404, "no such invoice")
        data = request.get_json(silent=True) if request.is_json else None
        if not isinstance(data, dict):
            abort(400, "the body must be a JSON object")
        to = data.get("to")
        if not isinstance(to, str) or "@" not in to:
            abort(422, "`to` must be a string holding an email address")
        g.to = to
        return None

    @app.after_request
    def point_to_status(response):
        if response.status_code == 202 and response.is_json:
            status_url = (response.get_json() or {}).get("status_url")
            if status_url:
                response.headers["Location"] = status_url
        return response

    @app.route("/invoices/<invoice_id>/send", methods=["POST"], endpoint="send")
    def send(invoice_id):
        queue = Queue("invoices", connection=app.config["REDIS"])
        job = queue.enqueue(send_invoice, args=(invoice_id, g.to),
                            retry=Retry(app.config["RETRIES"], app.config["BACKOFF"]))
        return jsonify({"job_id": job.id, "status_url": f"/jobs/{job.id}"}), 202

    @app.route("/jobs/<job_id>")
    def job(job_id):
        try:
            found = Job.fetch(job_id, connection=app.config["REDIS"])
        except NoSuchJobError:
            abort(404, "no such job")
        if found.is_finished:
            return jsonify(job_id=found.id, status="finished", result=found.return_value())
        if found.is_failed:
            return jsonify(job_id=found.id, status="failed", result=None,
                           error=_exception_line(found.latest_result()))
        if found.is_started:
            return jsonify(job_id=found.id, status="started", result=None)
        if found.is_queued or found.is_scheduled:
            return jsonify(job_id=found.id, status="queued", result=None)
        return jsonify(job_id=found.id, status=JobStatus(found.get_status(refresh=False)).value, result=None)

    @app.route("/dead-letters")
    def dead_letters():
        conn = app.config["REDIS"]
        registry = FailedJobRegistry("invoices", connection=conn)
        out = []
        for failed in filter(None, Job.fetch_many(registry.get_job_ids(), connection=conn)):
            args, kwargs = tuple(failed.args or ()), dict(failed.kwargs or {})
            out.append({
                "job_id": failed.id,
                "invoice_id": kwargs.get("invoice_id", args[0] if args else None),
                "to": kwargs.get("to", args[1] if len(args) > 1 else None),
                "reason": _exception_line(failed.latest_result()),
            })
        return jsonify(out)

    return app

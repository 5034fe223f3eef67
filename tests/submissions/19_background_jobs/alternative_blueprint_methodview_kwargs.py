"""A correct app built from a blueprint with MethodViews: the job is enqueued with keyword arguments and
a job id of its own, sent-records live in a Redis hash written with HSETNX, the status comes from the
job's is_* properties and job.result, and the job's failure text is RQ's whole traceback.

expect: full marks
"""
# %% your_app
import uuid

from flask import Blueprint, Flask, current_app, request, url_for
from flask.views import MethodView
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job
from rq.registry import FailedJobRegistry

SENT = "ledgerly:sent-invoices"


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    me = get_current_job()
    connection = me.connection
    field = json.dumps([invoice_id, to])
    earlier = connection.hget(SENT, field)
    if earlier:
        return json.loads(earlier)
    try:
        message_id = Mailer(connection).send(to, "Invoice " + invoice_id, render_invoice(invoice_id))
    except MailRejected:
        me.retries_left = 0
        raise
    outcome = dict(invoice_id=invoice_id, to=to, message_id=message_id)
    connection.hsetnx(SENT, field, json.dumps(outcome))
    return json.loads(connection.hget(SENT, field))


def invoices_queue():
    return Queue("invoices", connection=current_app.config["REDIS"])


def traceback_of(job):
    return job.exc_info or "failed"


class SendInvoice(MethodView):
    def post(self, invoice_id):
        if invoice_id not in INVOICES:
            return {"error": "no such invoice"}, 404
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return {"error": "expected a JSON object"}, 422
        to = payload.get("to")
        if not isinstance(to, str) or "@" not in to:
            return {"error": "to must be an email address"}, 422
        config = current_app.config
        job = invoices_queue().enqueue(
            send_invoice, kwargs={"invoice_id": invoice_id, "to": to}, job_id=f"send-{uuid.uuid4().hex}",
            retry=Retry(max=config["RETRIES"], interval=config["BACKOFF"]),
        )
        where = url_for("jobs.job", job_id=job.id, _external=True)
        return {"job_id": job.id, "status_url": url_for("jobs.job", job_id=job.id)}, 202, {"Location": where}


class JobView(MethodView):
    def get(self, job_id):
        try:
            job = Job.fetch(job_id, connection=current_app.config["REDIS"])
        except NoSuchJobError:
            return {"error": "no such job"}, 404
        if job.is_finished:
            return {"job_id": job.id, "status": "finished", "result": job.result}
        if job.is_failed:
            return {"job_id": job.id, "status": "failed", "error": traceback_of(job)}
        if job.is_started:
            return {"job_id": job.id, "status": "started"}
        return {"job_id": job.id, "status": "queued"}


class DeadLetters(MethodView):
    def get(self):
        connection = current_app.config["REDIS"]
        out = []
        for job_id in FailedJobRegistry("invoices", connection=connection).get_job_ids():
            try:
                job = Job.fetch(job_id, connection=connection)
            except NoSuchJobError:
                continue
            out.append({"job_id": job.id, "invoice_id": job.kwargs["invoice_id"], "to": job.kwargs["to"],
                        "reason": traceback_of(job)})
        return out


jobs = Blueprint("jobs", __name__)
jobs.add_url_rule("/invoices/<invoice_id>/send", view_func=SendInvoice.as_view("send"))
jobs.add_url_rule("/jobs/<job_id>", view_func=JobView.as_view("job"))
jobs.add_url_rule("/dead-letters", view_func=DeadLetters.as_view("dead_letters"))


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    app.config.update(REDIS=fresh_redis(), RETRIES=3, BACKOFF=[10, 30, 60])
    app.config.update(test_config or {})
    app.register_blueprint(jobs)
    return app

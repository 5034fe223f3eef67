"""Same as the blueprint/MethodView solution, but its module-level private helpers are named _redis() and _queue(): every Check button passes, yet the visible test cells assign the globals _redis and _queue and clobber them when the notebook runs top to bottom (grading).

expect: full marks
"""
# %% your_app
import functools

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from flask.views import MethodView
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry

SENT = "ledgerly:sent-invoices"  # hash: "<invoice_id> <to>" -> JSON result


def no_retry_on(*permanent):
    """Errors of these classes fail the running job for good, whatever retries it has left."""
    def decorate(function):
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            try:
                return function(*args, **kwargs)
            except permanent:
                job = get_current_job()
                if job is not None:
                    job.retries_left = 0
                raise
        return wrapper
    return decorate


@job_function
@no_retry_on(MailRejected)
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    redis = get_current_job().connection
    field = f"{invoice_id} {to}"
    earlier = redis.hget(SENT, field)
    if earlier:
        return json.loads(earlier)
    message_id = Mailer(redis).send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    result = {"invoice_id": invoice_id, "to": to, "message_id": message_id}
    redis.hset(SENT, field, json.dumps(result))
    return result


def _redis():
    return current_app.config["REDIS"]


def _queue():
    return Queue("invoices", connection=_redis())


class SendInvoice(MethodView):
    def post(self, invoice_id):
        payload = request.get_json(silent=True)
        if not isinstance(payload, dict):
            return jsonify(error="send a JSON object"), 400
        to = payload.get("to")
        if not (isinstance(to, str) and "@" in to):
            return jsonify(error="`to` must be an email address"), 400
        if invoice_id not in INVOICES:
            return jsonify(error=f"no invoice {invoice_id}"), 404
        retry = Retry(max=current_app.config["RETRIES"], interval=current_app.config["BACKOFF"])
        job = _queue().enqueue(send_invoice, invoice_id=invoice_id, to=to, retry=retry)
        body = {"job_id": job.id, "status": "queued", "status_url": url_for("api.job", job_id=job.id)}
        return jsonify(body), 202, {"Location": url_for("api.job", job_id=job.id, _external=True)}


class JobResource(MethodView):
    def get(self, job_id):
        if not Job.exists(job_id, connection=_redis()):
            return jsonify(error=f"no job {job_id}"), 404
        job = Job.fetch(job_id, connection=_redis())
        status = JobStatus(job.get_status(refresh=True))
        body = {"job_id": job.id}
        if status is JobStatus.FINISHED:
            body.update(status="finished", result=job.return_value(refresh=True))
        elif status is JobStatus.FAILED:
            result = job.latest_result()
            body.update(status="failed", error=(result.exc_string if result else "") or "failed")
        elif status is JobStatus.STARTED:
            body["status"] = "started"
        elif status in (JobStatus.QUEUED, JobStatus.SCHEDULED):
            body["status"] = "queued"
        else:
            body["status"] = status.value
        return jsonify(body)


class DeadLetters(MethodView):
    def get(self):
        letters = []
        for job_id in _queue().failed_job_registry.get_job_ids():
            try:
                job = Job.fetch(job_id, connection=_redis())
            except NoSuchJobError:
                continue
            arguments = dict(zip(("invoice_id", "to"), job.args or ()))
            arguments.update(job.kwargs or {})
            result = job.latest_result()
            letters.append({
                "job_id": job.id,
                "invoice_id": arguments.get("invoice_id"),
                "to": arguments.get("to"),
                "reason": result.exc_string if result else "",
            })
        return jsonify(letters)


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    app = Flask(__name__)
    app.config["REDIS"] = fresh_redis()
    app.config["RETRIES"] = 3
    app.config["BACKOFF"] = [10, 30, 60]
    app.config.update(test_config or {})

    api = Blueprint("api", __name__)
    api.add_url_rule("/invoices/<invoice_id>/send", view_func=SendInvoice.as_view("send_invoice"))
    api.add_url_rule("/jobs/<job_id>", view_func=JobResource.as_view("job"))
    api.add_url_rule("/dead-letters", view_func=DeadLetters.as_view("dead_letters"))
    app.register_blueprint(api)
    return app

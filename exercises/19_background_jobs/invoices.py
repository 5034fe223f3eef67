# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Background jobs for Ledgerly's invoice emails
#
# Ledgerly is an invoicing app for freelancers. Its **Send invoice** button
# calls the API, which today talks to the mail provider inside the request:
# the button hangs for seconds, a busy mail server turns into a `500`, and a
# user who presses the button again (or a load balancer that retries) sends
# the customer the invoice twice. You will move the sending into a
# **background job** run by a worker, with a status URL, an email that goes
# out once however often the job runs, retries with backoff when the mail
# server is busy, and a dead-letter list for the sends that failed for good.
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | `POST /invoices/<id>/send`: enqueue a job, answer `202 Accepted` | 3 |
# | 2 | `GET /jobs/<job_id>`: the job's status and result | 3 |
# | 3 | the job itself, sending each invoice to an address once | 3 |
# | 4 | retries with backoff when the mail server is busy | 3 |
# | 5 | permanent failures and the dead-letter list | 3 |
# | 6 | a written question for your interviewer | 3 |
#
# **The queue.** You use [RQ](https://python-rq.org/) (Redis Queue, 3.0):
# `rq.Queue`, `rq.Retry`, `rq.get_current_job`, `rq.job.Job`,
# `rq.registry.FailedJobRegistry`, and the Redis client API of `redis-py`.
# In production the app and each `rq worker invoices` process connect to one
# Redis server. In this notebook nothing needs a server: Redis is
# [fakeredis](https://fakeredis.readthedocs.io/), an in-memory Redis with the
# same client API, and `run_worker(connection)` (given below) runs the waiting
# jobs in this process, like a worker started in burst mode. The tests give
# every app a Redis of its own (`test_config["REDIS"]`, made by
# `fresh_redis()`); your app and your job must use the connection they are
# given, never one of their own.
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests talk to your app only through Flask's test client,
# and run your job through `run_worker`.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask, RQ and redis-py documentation while you work.

# %% nbgrader={"grade_id": "given", "locked": true}
# Ledgerly's invoices, its mail provider and the worker, given. Do not edit this cell.
import contextlib
import io
import json
import logging
import signal
import sys
import types
import warnings

import fakeredis
from rq import Queue, SimpleWorker

INVOICES = {
    "INV-1001": {"customer": "Acme Ltd", "total": "1200.00 EUR"},
    "INV-1002": {"customer": "Bolt & Nut", "total": "86.40 EUR"},
    "INV-1003": {"customer": "Cardamom Cafe", "total": "310.00 GBP"},
    "INV-1004": {"customer": "Dune Surf School", "total": "2450.00 USD"},
    "INV-1005": {"customer": "Elm Street Dental", "total": "99.00 EUR"},
}


class MailServerBusy(Exception):
    """The mail server could not take the message now: a transient error, worth retrying."""


class MailRejected(Exception):
    """The mail server refused the address for good: retrying will not help."""


class Mailer:
    """Ledgerly's mail provider, simulated in Redis so that a worker and the tests see one outbox.

    `send` returns the provider's message id (`msg-1`, `msg-2`, ...) and puts the message in the
    outbox; it raises `MailRejected` for an address that bounces and `MailServerBusy` while the
    provider is told to be busy. Every call counts as an attempt, whatever its outcome.
    """

    def __init__(self, connection):
        self.redis = connection

    def send(self, to, subject, body):
        self.redis.incr("mailer:attempts")
        if self.redis.sismember("mailer:bounces", to):
            raise MailRejected(f"{to}: mailbox does not exist")
        if int(self.redis.get("mailer:busy") or 0) > 0:
            self.redis.decr("mailer:busy")
            raise MailServerBusy("mail server busy, try again later")
        if int(self.redis.get("mailer:down") or 0) > 0:
            self.redis.decr("mailer:down")
            raise ConnectionError("mail server unreachable")
        message_id = f"msg-{self.redis.incr('mailer:sequence')}"
        message = {"id": message_id, "to": to, "subject": subject, "body": body}
        self.redis.rpush("mailer:outbox", json.dumps(message))
        return message_id

    def outbox(self):
        """Every message sent, oldest first: dicts with id, to, subject, body."""
        return [json.loads(m) for m in self.redis.lrange("mailer:outbox", 0, -1)]

    def attempts(self):
        """How many times `send` was called."""
        return int(self.redis.get("mailer:attempts") or 0)

    # What the tests use to make the provider misbehave:
    def busy_for(self, times):
        """The next `times` sends raise MailServerBusy."""
        self.redis.set("mailer:busy", times)

    def down_for(self, times):
        """The next `times` sends raise ConnectionError (after any busy ones)."""
        self.redis.set("mailer:down", times)

    def bounce(self, address):
        """Every send to `address` raises MailRejected."""
        self.redis.sadd("mailer:bounces", address)


def render_invoice(invoice_id):
    """The text of an invoice email."""
    invoice = INVOICES[invoice_id]
    return f"Dear {invoice['customer']},\n\nplease find invoice {invoice_id} for {invoice['total']} attached.\n"


class NotebookRedis(fakeredis.FakeRedis):
    """fakeredis with a short name in messages."""

    def __repr__(self):
        return "fresh_redis()"


def fresh_redis():
    """A new, empty Redis: here a fakeredis server of its own (in production, redis.Redis.from_url(...))."""
    return NotebookRedis(server=fakeredis.FakeServer())


# RQ stores a job's function as an import path ("module.name") that the worker imports. A function
# defined in a notebook lives in __main__, which a worker process cannot import; @job_function
# publishes it as ledgerly_jobs.<name> instead. In production it lives in a module of your package.
ledgerly_jobs = types.ModuleType("ledgerly_jobs")
sys.modules["ledgerly_jobs"] = ledgerly_jobs


def job_function(function):
    function.__module__ = ledgerly_jobs.__name__
    setattr(ledgerly_jobs, function.__qualname__, function)
    return function


def run_worker(connection, queue_name="invoices"):
    """Run every job waiting in the queue (and retries due at once) in this process, then return.

    What `rq worker --burst invoices` does in production. A retry scheduled for later stays
    scheduled: no scheduler runs here. The worker's log and the jobs' errors stay quiet.
    """
    rq_logger = logging.getLogger("rq")
    if not rq_logger.handlers:
        rq_logger.addHandler(logging.NullHandler())
    rq_logger.propagate = False
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        with contextlib.redirect_stderr(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            SimpleWorker([Queue(queue_name, connection=connection)], connection=connection).work(burst=True)
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@job_function
def tally(numbers):
    """A small job that the tests of task 2 enqueue: it returns a count and a total."""
    return {"count": len(numbers), "total": sum(numbers)}


@job_function
def broken(message):
    """A small job that the tests of task 2 enqueue: it always fails."""
    raise RuntimeError(message)


WHILE_RUNNING = {}


@job_function
def call_back(name):
    """A small job that the tests of task 2 enqueue: while it runs, it calls WHILE_RUNNING[name](its job id)."""
    from rq import get_current_job

    return WHILE_RUNNING.pop(name)(get_current_job().id)

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and the job `send_invoice` in the cell
# below. Start with task 1 and come back here for each task. Keep the
# `@job_function` decorator on `send_invoice`.

# %% nbgrader={"grade_id": "your_app", "solution": true}
from flask import Flask, abort, jsonify, request, url_for
from rq import Queue, Retry, get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from rq.registry import FailedJobRegistry


@job_function
def send_invoice(invoice_id, to):
    """Email invoice `invoice_id` to the address `to`, once; return {"invoice_id", "to", "message_id"}."""
    ### BEGIN SOLUTION
    job = get_current_job()
    redis = job.connection
    # The business key: this invoice to this address. Whatever job sends it, it goes out once.
    key = f"invoice-mail:{invoice_id}:{to}"
    done = redis.get(key)
    if done is not None:
        return json.loads(done)
    try:
        message_id = Mailer(redis).send(to, f"Invoice {invoice_id}", render_invoice(invoice_id))
    except MailRejected:
        job.retries_left = 0  # retrying cannot help: fail now, into the failed job registry
        raise
    result = {"invoice_id": invoice_id, "to": to, "message_id": message_id}
    redis.set(key, json.dumps(result))
    return result
    ### END SOLUTION


def create_app(test_config=None):
    """The Ledgerly invoice-sending API."""
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(REDIS=fresh_redis(), RETRIES=3, BACKOFF=[10, 30, 60])
    if test_config is not None:
        app.config.update(test_config)

    def queue():
        return Queue("invoices", connection=app.config["REDIS"])

    def accepted(job_id):
        url = url_for("job_status", job_id=job_id)
        return jsonify(job_id=job_id, status_url=url), 202, {"Location": url}

    @app.post("/invoices/<invoice_id>/send")
    def send(invoice_id):
        if invoice_id not in INVOICES:
            abort(404)
        data = request.get_json(silent=True)
        to = data.get("to") if isinstance(data, dict) else None
        if not isinstance(to, str) or "@" not in to:
            return jsonify(error="'to' must be an email address"), 400
        retry = Retry(max=app.config["RETRIES"], interval=list(app.config["BACKOFF"]))
        job = queue().enqueue(send_invoice, invoice_id, to, retry=retry)
        return accepted(job.id)

    @app.get("/jobs/<job_id>")
    def job_status(job_id):
        try:
            job = Job.fetch(job_id, connection=app.config["REDIS"])
        except NoSuchJobError:
            abort(404)
        status = job.get_status()
        body = {"job_id": job.id, "status": status.value, "result": None}
        if status in (JobStatus.SCHEDULED, JobStatus.DEFERRED):
            body["status"] = "queued"
        elif status == JobStatus.FINISHED:
            body["result"] = job.return_value()
        elif status == JobStatus.FAILED:
            body["error"] = failure_reason(job)
        return body

    def failure_reason(job):
        result = job.latest_result()
        text = result.exc_string if result is not None and result.exc_string else ""
        lines = [line for line in text.strip().splitlines() if line.strip()]
        return lines[-1] if lines else "unknown error"

    @app.get("/dead-letters")
    def dead_letters():
        registry = FailedJobRegistry(queue=queue())
        letters = []
        for job in Job.fetch_many(registry.get_job_ids(), connection=app.config["REDIS"]):
            if job is None:
                continue
            invoice_id, to = job.args
            letters.append({"job_id": job.id, "invoice_id": invoice_id, "to": to, "reason": failure_reason(job)})
        return jsonify(letters)

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: enqueue the sending and answer `202 Accepted` (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `REDIS = fresh_redis()` (a new Redis for each app), `RETRIES = 3` and
#   `BACKOFF = [10, 30, 60]` (task 4), then applies `test_config` when one is
#   given; everything uses the connection in `app.config["REDIS"]`;
# - `POST /invoices/<invoice_id>/send` takes a JSON object `{"to": "<email
#   address>"}`. It **enqueues** a job that calls `send_invoice(invoice_id,
#   to)` (arguments positional or by keyword, both accepted) on the RQ queue
#   named `invoices` of `app.config["REDIS"]`, and answers `202` with a JSON
#   object holding at least `job_id` (the RQ job's id) and `status_url`, the
#   path `/jobs/<job_id>`, and a `Location` header with the same URL
#   (relative or absolute);
# - the request sends nothing itself: the email goes out only when a worker
#   runs the job (`run_worker`);
# - an invoice id that is not in `INVOICES` answers `404`; a body that is not
#   a JSON object, or whose `to` is missing or is not a string containing
#   `@`, answers `400` or `422` (both accepted). Neither enqueues anything.
#
# Task 3 writes `send_invoice`; for now the job only has to be enqueued.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app, {"REDIS": fresh_redis()})
_t1_reply = app.post("/invoices/INV-1001/send", json={"to": "ap@acme.test"}).expect(
    202, is_json=True, why="the sending is queued, not done: 202 Accepted with a JSON body")
_t1_job_id = _t1_reply.json.get("job_id") if isinstance(_t1_reply.json, dict) else None
assert isinstance(_t1_job_id, str) and _t1_job_id, f"{_t1_reply.label} should answer a job_id (a string), got {_t1_reply.json}"
_t1_reply.expect(202, json_subset={"job_id": _t1_job_id, "status_url": f"/jobs/{_t1_job_id}"}, location=f"/jobs/{_t1_job_id}",
              why="the status URL of the job, in the body and in Location")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
import inspect

from rq.job import Job as RQJob


def called_with(job):
    bound = inspect.signature(lambda invoice_id, to: None).bind(*job.args, **job.kwargs)
    return dict(bound.arguments)


redis_a = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_a})
invoices_queue = Queue("invoices", connection=redis_a)
first = probe.post("/invoices/INV-1003/send", json={"to": "books@cardamom.test"}).expect(202)
job_a = first.json["job_id"] if isinstance(first.json, dict) else None
assert invoices_queue.job_ids == [job_a], (
    f"after one POST /invoices/INV-1003/send answered job_id {job_a!r}, the queue 'invoices' should hold exactly "
    f"that job; it holds {invoices_queue.job_ids}"
)
queued = RQJob.fetch(job_a, connection=redis_a)
assert queued.func_name.rsplit(".", 1)[-1] == "send_invoice", (
    f"the queued job should call send_invoice; it calls {queued.func_name}")
try:
    arguments = called_with(queued)
except TypeError:
    arguments = {"args": list(queued.args), "kwargs": dict(queued.kwargs)}
assert arguments == {"invoice_id": "INV-1003", "to": "books@cardamom.test"}, (
    f"the job should call send_invoice with invoice_id 'INV-1003' and to 'books@cardamom.test'; it was enqueued with {arguments}")
assert Mailer(redis_a).outbox() == [], "POST /invoices/INV-1003/send sent an email itself; only the worker should send it"
assert Mailer(redis_a).attempts() == 0, "POST /invoices/INV-1003/send called the mailer itself; only the worker should"

second = probe.post("/invoices/INV-1004/send", json={"to": "owner@dune.test"})
second.expect(202, why="a second invoice is a second job")
job_b = second.json.get("job_id")
assert job_b != job_a and invoices_queue.job_ids == [job_a, job_b], (
    f"after a second POST answered job_id {job_b!r}, the queue 'invoices' should hold {[job_a, job_b]}; "
    f"it holds {invoices_queue.job_ids}")
second.expect(202, json_subset={"job_id": job_b, "status_url": f"/jobs/{job_b}"}, location=f"/jobs/{job_b}")

refused = [
    ("/invoices/INV-1001/send", {"to": "ap-acme.test"}, (400, 422), "'to' has no @"),
    ("/invoices/INV-1001/send", {"to": 42}, (400, 422), "'to' is a number"),
    ("/invoices/INV-1001/send", {"email": "ap@acme.test"}, (400, 422), "'to' is missing"),
    ("/invoices/INV-1001/send", ["ap@acme.test"], (400, 422), "the body is a list"),
    ("/invoices/INV-9999/send", {"to": "ap@acme.test"}, 404, "there is no invoice INV-9999"),
]
for path, body, status, reason in refused:
    probe.post(path, json=body).expect(status, why=reason)
probe.post("/invoices/INV-1001/send", data="{to: ", content_type="application/json").expect(
    (400, 422), why="the body is not valid JSON")
probe.post("/invoices/INV-1001/send").expect((400, 422), why="there is no body")
assert invoices_queue.job_ids == [job_a, job_b], (
    f"refused requests should enqueue nothing; the queue 'invoices' holds {len(invoices_queue.job_ids)} jobs, not 2")

defaults = check_app(create_app)
defaults.post("/invoices/INV-1002/send", json={"to": "bolt@nut.test"}).expect(202)
other = check_app(create_app)
waiting = Queue("invoices", connection=other.app.config["REDIS"]).job_ids
assert waiting == [], (
    f"two apps built with the default configuration should each have a Redis of their own; a new app's queue "
    f"already holds {len(waiting)} job(s) enqueued by another app")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: the job's status (3 points)
#
# Add `GET /jobs/<job_id>`, which reports on any RQ job in
# `app.config["REDIS"]`: it answers `200` with a JSON object holding
#
# - `job_id`: the id;
# - `status`: `"queued"`, `"started"`, `"finished"` or `"failed"`. A job
#   waiting for a retry (RQ's `scheduled` status, task 4) is `"queued"`;
# - `result`: the job's return value when it is `finished`; before that,
#   `null` or left out (both accepted);
# - `error`, only when it is `failed`: a string holding the class name and
#   the message of the exception that failed it (RQ's whole traceback is
#   accepted too). Any other job has no `error` key (not even `null`).
#
# A job of any queue is reported, not only of `invoices` (the tests use
# another queue only for a job waiting in it). RQ's other statuses
# (`deferred`, `stopped`, `canceled`) are not tested. An id that is no job
# answers `404`. The tests enqueue the given jobs
# `tally` and `broken` themselves, so this task does not need task 3.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

_t2_redis = fresh_redis()
app = check_app(create_app, {"REDIS": _t2_redis})
_t2_job = Queue("invoices", connection=_t2_redis).enqueue(tally, [3, 4, 5])
app.get(f"/jobs/{_t2_job.id}").expect(200, json_subset={"job_id": _t2_job.id, "status": "queued"},
                                   why="the job waits in the queue: no worker has run yet")
run_worker(_t2_redis)
app.get(f"/jobs/{_t2_job.id}").expect(200, json_subset={"job_id": _t2_job.id, "status": "finished",
                                                     "result": {"count": 3, "total": 12}},
                                   why="the worker ran tally([3, 4, 5])")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 2}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
from datetime import timedelta

redis_b = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_b})
jobs_queue = Queue("invoices", connection=redis_b)
waiting = jobs_queue.enqueue(tally, [])
reply = probe.get(f"/jobs/{waiting.id}").expect(200, json_subset={"job_id": waiting.id, "status": "queued"})
assert reply.json.get("result") is None, f"{reply.label}: a queued job has no result yet (null or left out), got {reply.json.get('result')!r}"
assert "error" not in reply.json, f"{reply.label}: a queued job has not failed, so its reply has no 'error' key; got {reply.json}"

failing = jobs_queue.enqueue(broken, "ledger locked by nightly export")
later = jobs_queue.enqueue_in(timedelta(minutes=5), tally, [1])
run_worker(redis_b)
done = probe.get(f"/jobs/{waiting.id}").expect(
    200, json_subset={"status": "finished", "result": {"count": 0, "total": 0}},
    why="a finished job's result, even one whose numbers are all 0")
assert "error" not in done.json, f"{done.label}: a finished job has not failed, so its reply has no 'error' key; got {done.json}"
failed = probe.get(f"/jobs/{failing.id}").expect(200, json_subset={"job_id": failing.id, "status": "failed"},
                                                 why="the job raised RuntimeError")
error = failed.json.get("error")
assert isinstance(error, str) and "RuntimeError" in error and "ledger locked by nightly export" in error, (
    f"{failed.label}: 'error' should hold the exception's class name (RuntimeError) and its message "
    f"('ledger locked by nightly export'); got {error!r}")
probe.get(f"/jobs/{later.id}").expect(200, json_subset={"job_id": later.id, "status": "queued"},
                                      why="a job scheduled to run later (as a retry waiting for its backoff) is queued")

WHILE_RUNNING["task2"] = lambda own_id: probe.client.get(f"/jobs/{own_id}").get_json(silent=True)
running = jobs_queue.enqueue(call_back, "task2")
run_worker(redis_b)
seen = running.return_value() if getattr(running.get_status(refresh=True), "value", None) == "finished" else None
assert isinstance(seen, dict) and seen.get("status") == "started", (
    f"GET /jobs/<id> of a job that a worker is running should say status started; it answered {seen}")

probe.get("/jobs/no-such-job").expect(404, why="there is no job no-such-job")
report = Queue("reports", connection=redis_b).enqueue(tally, [6, 1])
other_queue = probe.get(f"/jobs/{report.id}")
other_queue.expect(200, why="a job waiting in the queue 'reports' of the same Redis is a job too, not only jobs of 'invoices'")
other_queue.expect(200, json_subset={"job_id": report.id, "status": "queued"}, why="that job waits in the queue 'reports'")
elsewhere = Queue("invoices", connection=fresh_redis()).enqueue(tally, [2])
probe.get(f"/jobs/{elsewhere.id}").expect(404, why="that job lives in another app's Redis, not in app.config['REDIS']")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: the job, sending each invoice to an address once (3 points)
#
# Write `send_invoice(invoice_id, to)`, the job the worker runs:
#
# - it takes the Redis connection from the job it runs in
#   (`rq.get_current_job().connection`), never from an app or a module
#   global: the worker is another process;
# - it sends the invoice with `Mailer(connection).send(to, f"Invoice
#   {invoice_id}", render_invoice(invoice_id))` and returns
#   `{"invoice_id": ..., "to": ..., "message_id": <what send returned>}`;
# - it is **idempotent**: an invoice goes to an address once. A job for an
#   invoice and address that an earlier job already sent to (a second press
#   of the button, a job run again) sends nothing and returns the first
#   job's result, the same `message_id` included. The same invoice to
#   another address, or another invoice, is a new email. Keep what was sent
#   in Redis: memory of one worker process is not seen by the others (and
#   each test has its own Redis). Addresses are compared as given; the tests
#   never use two spellings (such as upper and lower case) of one address.
#
# Failures and retries are task 4's: the tests of this task never make the
# mailer fail.

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
_t3_redis = fresh_redis()
_t3_queue = Queue("invoices", connection=_t3_redis)
_t3_first = _t3_queue.enqueue(send_invoice, "INV-1001", "ap@acme.test")
_t3_again = _t3_queue.enqueue(send_invoice, "INV-1001", "ap@acme.test")
run_worker(_t3_redis)
_t3_sent = [(_t3_m["to"], _t3_m["subject"]) for _t3_m in Mailer(_t3_redis).outbox()]
assert _t3_first.get_status(refresh=True) == "finished", (
    f"the job send_invoice('INV-1001', 'ap@acme.test') should finish; it is {getattr(_t3_first.get_status(), 'value', None)}: "
    f"{(_t3_first.latest_result().exc_string or '').strip().splitlines()[-1:] if _t3_first.latest_result() else ''}")
assert _t3_sent == [("ap@acme.test", "Invoice INV-1001")], (
    f"two jobs sending INV-1001 to ap@acme.test should send one email, 'Invoice INV-1001'; the outbox holds {_t3_sent}")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.

### BEGIN HIDDEN TESTS
def last_error(job):
    result = job.latest_result()
    lines = (result.exc_string or "").strip().splitlines() if result is not None else []
    return lines[-1] if lines else "no error recorded"


def run_and_read(redis, calls):
    mail_queue = Queue("invoices", connection=redis)
    jobs = [mail_queue.enqueue(send_invoice, *call) for call in calls]
    run_worker(redis)
    results = []
    for call, job in zip(calls, jobs):
        status = getattr(job.get_status(refresh=True), "value", None)
        assert status == "finished", f"the job send_invoice{call} should finish; it is {status} ({last_error(job)})"
        results.append(job.return_value())
    return results


redis_c = fresh_redis()
results = run_and_read(redis_c, [("INV-1002", "bolt@nut.test"), ("INV-1002", "bolt@nut.test"), ("INV-1002", "bolt@nut.test")])
outbox = Mailer(redis_c).outbox()
assert len(outbox) == 1, f"three jobs sending INV-1002 to bolt@nut.test should send one email; {len(outbox)} were sent"
expected_mail = {"id": "msg-1", "to": "bolt@nut.test", "subject": "Invoice INV-1002", "body": render_invoice("INV-1002")}
assert outbox[0] == expected_mail, f"the email for INV-1002 should be {expected_mail}; it was {outbox[0]}"
first_result = {"invoice_id": "INV-1002", "to": "bolt@nut.test", "message_id": "msg-1"}
assert results[0] == first_result, f"send_invoice('INV-1002', 'bolt@nut.test') should return {first_result}; it returned {results[0]!r}"
assert results[1] == first_result and results[2] == first_result, (
    f"a job for an invoice already sent to that address should return the first job's result {first_result}; "
    f"the later jobs returned {results[1]!r} and {results[2]!r}")

results = run_and_read(redis_c, [("INV-1002", "accounts@nut.test"), ("INV-1005", "bolt@nut.test")])
assert [r.get("message_id") if isinstance(r, dict) else r for r in results] == ["msg-2", "msg-3"], (
    f"INV-1002 to another address and another invoice to bolt@nut.test are new emails (msg-2 and msg-3); "
    f"the jobs returned {results}")
sent_to = [(m["to"], m["subject"]) for m in Mailer(redis_c).outbox()]
assert sent_to[1:] == [("accounts@nut.test", "Invoice INV-1002"), ("bolt@nut.test", "Invoice INV-1005")], (
    f"the outbox should end with INV-1002 to accounts@nut.test and INV-1005 to bolt@nut.test; it holds {sent_to}")

redis_d = fresh_redis()
results = run_and_read(redis_d, [("INV-1002", "bolt@nut.test")])
assert [(m["to"], m["subject"]) for m in Mailer(redis_d).outbox()] == [("bolt@nut.test", "Invoice INV-1002")], (
    "in a new Redis nothing was sent yet: INV-1002 to bolt@nut.test must be sent there, whatever another Redis "
    "(another test, another deployment) recorded")
assert results == [first_result], f"in a new Redis the job should return {first_result}; it returned {results[0]!r}"
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: retries with backoff (3 points)
#
# The mail server is sometimes busy (`MailServerBusy`) or unreachable
# (`ConnectionError`). Both pass: RQ should try the job again later.
#
# - `POST /invoices/<invoice_id>/send` enqueues the job with
#   `Retry(max=app.config["RETRIES"], interval=app.config["BACKOFF"])`: with
#   the defaults, up to 3 retries, 10, 30 and 60 seconds after each failure.
# - `send_invoice` lets such an error propagate (RQ retries only a job that
#   raised) and records nothing as sent when sending failed: a retry after a
#   failed attempt sends the email, once.
# - After the last retry fails, the job is `failed` and RQ keeps it in its
#   failed job registry with the error (task 5 lists them).
#
# The tests never wait for a backoff: they configure `BACKOFF = [0, 0, 0]`
# (retries at once) or read when RQ scheduled the retry.

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
from autograder import check_app
from rq.job import Job as _t4_Job

_t4_redis = fresh_redis()
app = check_app(create_app, {"REDIS": _t4_redis})
_t4_reply = app.post("/invoices/INV-1002/send", json={"to": "ap@bolt.test"}).expect(202)
_t4_job = _t4_Job.fetch(_t4_reply.json["job_id"], connection=_t4_redis)
assert (_t4_job.retries_left, _t4_job.retry_intervals) == (3, [10, 30, 60]), (
    f"with the default configuration the job should allow 3 retries after 10, 30 and 60 seconds; "
    f"it allows {_t4_job.retries_left} retries with intervals {_t4_job.retry_intervals}")

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
from datetime import datetime, timezone

from rq.job import Job as RQJob
from rq.registry import FailedJobRegistry as Failed
from rq.registry import ScheduledJobRegistry as Scheduled


def post_job(probe, invoice_id, to):
    reply = probe.post(f"/invoices/{invoice_id}/send", json={"to": to}).expect(202)
    return RQJob.fetch(reply.json["job_id"], connection=probe.app.config["REDIS"])


def reason_of(job):
    result = job.latest_result()
    lines = (result.exc_string or "").strip().splitlines() if result is not None else []
    return lines[-1] if lines else "no error recorded"


redis_e = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_e, "RETRIES": 2, "BACKOFF": [5, 25]})
configured = post_job(probe, "INV-1003", "cfo@cardamom.test")
assert (configured.retries_left, configured.retry_intervals) == (2, [5, 25]), (
    f"with RETRIES 2 and BACKOFF [5, 25] the job should allow 2 retries after 5 and 25 seconds; "
    f"it allows {configured.retries_left} retries with intervals {configured.retry_intervals}")

redis_f = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_f, "RETRIES": 3, "BACKOFF": [0, 0, 0]})
mailer = Mailer(redis_f)
mailer.busy_for(1)
mailer.down_for(1)
recovering = post_job(probe, "INV-1004", "surf@dune.test")
run_worker(redis_f)
status = getattr(recovering.get_status(refresh=True), "value", None)
assert status == "finished", (
    f"the mail server was busy once, then unreachable once: with 3 retries at once the job should finish on its "
    f"third attempt; it is {status} ({reason_of(recovering)}) after {mailer.attempts()} attempts")
assert mailer.attempts() == 3, f"the job should have tried to send 3 times (busy, unreachable, sent); it tried {mailer.attempts()} times"
assert [(m["to"], m["subject"]) for m in mailer.outbox()] == [("surf@dune.test", "Invoice INV-1004")], (
    f"after two failed attempts the retry should send the email once; the outbox holds {mailer.outbox()}")

redis_g = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_g, "RETRIES": 2, "BACKOFF": [0, 0]})
Mailer(redis_g).busy_for(9)
exhausted = post_job(probe, "INV-1005", "desk@elm.test")
run_worker(redis_g)
status = getattr(exhausted.get_status(refresh=True), "value", None)
assert status == "failed" and Mailer(redis_g).attempts() == 3, (
    f"a mail server busy for good: with 2 retries the job should be tried 3 times and then fail; it is {status} "
    f"after {Mailer(redis_g).attempts()} attempts")
assert exhausted.id in Failed("invoices", connection=redis_g).get_job_ids(), (
    "a job whose last retry failed should be in RQ's failed job registry of the queue 'invoices'")
assert "MailServerBusy" in reason_of(exhausted), (
    f"the failed job should keep the error that failed it (MailServerBusy); RQ recorded {reason_of(exhausted)!r}")
assert Mailer(redis_g).outbox() == [], "a job that never got through should have sent nothing"

redis_h = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_h})
Mailer(redis_h).busy_for(1)
delayed = post_job(probe, "INV-1001", "late@acme.test")
run_worker(redis_h)
when = Scheduled("invoices", connection=redis_h).get_scheduled_time(delayed) if delayed.id in Scheduled(
    "invoices", connection=redis_h).get_job_ids() else None
assert when is not None, (
    f"after a first failure with the default backoff, RQ should schedule the retry for later; the job is "
    f"{getattr(delayed.get_status(refresh=True), 'value', None)} and not in the scheduled registry")
delay = (when - datetime.now(timezone.utc)).total_seconds()
assert 5 < delay <= 10.5, f"the first retry should come 10 seconds after the failure; RQ scheduled it {delay:.0f} seconds ahead"
assert Mailer(redis_h).outbox() == [], "the first attempt failed: nothing should be sent before the retry runs"
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: permanent failures and the dead-letter list (3 points)
#
# - `MailRejected` is permanent: `send_invoice` lets it propagate, but the
#   job is **not retried**: it fails at its first attempt, whatever
#   `RETRIES` says, and lands in RQ's failed job registry like a job whose
#   last retry failed (task 4). To stop the retries, catch it in the job,
#   set `retries_left = 0` on `rq.get_current_job()` and raise it again: the
#   worker reads that job object when the job fails.
# - `GET /dead-letters` answers `200` with a JSON list: one object per job
#   in RQ's failed job registry of the queue `invoices`
#   (`FailedJobRegistry`), in any order, each holding `job_id`,
#   `invoice_id`, `to` and `reason`: a string with the class name and the
#   message of the exception that failed the job (RQ's whole traceback is
#   accepted too). A job that finished, waits in the queue or waits for a
#   retry is not in the list; with no failed job the list is empty. The
#   tests put only jobs enqueued by your `POST /invoices/<invoice_id>/send`
#   in that registry, so `invoice_id` and `to` are always that job's
#   arguments.

# %% nbgrader={"grade": true, "grade_id": "task5_visible", "points": 1}
from autograder import check_app

_t5_redis = fresh_redis()
app = check_app(create_app, {"REDIS": _t5_redis, "BACKOFF": [0, 0, 0]})
Mailer(_t5_redis).bounce("nobody@acme.test")
_t5_job_id = app.post("/invoices/INV-1001/send", json={"to": "nobody@acme.test"}).expect(202).json["job_id"]
run_worker(_t5_redis)
assert Mailer(_t5_redis).attempts() == 1, (
    f"a rejected address is a permanent failure: the job should try once and not retry; it tried {Mailer(_t5_redis).attempts()} times")
_t5_letters = app.get("/dead-letters").expect(200, is_json=True).json
_t5_found = [{_t5_k: _t5_item.get(_t5_k) for _t5_k in ("job_id", "invoice_id", "to")} for _t5_item in _t5_letters if isinstance(_t5_item, dict)] if isinstance(_t5_letters, list) else _t5_letters
assert _t5_found == [{"job_id": _t5_job_id, "invoice_id": "INV-1001", "to": "nobody@acme.test"}], (
    f"GET /dead-letters should list the rejected job {_t5_job_id} (INV-1001 to nobody@acme.test); it lists {_t5_found}")

# %% nbgrader={"grade": true, "grade_id": "task5_hidden", "points": 2}
# More tests of task 5 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
from rq.job import Job as RQJob

redis_k = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_k, "RETRIES": 2, "BACKOFF": [0, 0]})
probe.get("/dead-letters").expect(200, json=[], why="no job has failed yet")
mailer = Mailer(redis_k)
mailer.bounce("gone@cardamom.test")
mailer.bounce("closed@dune.test")
ids = {}
for invoice_id, to in (("INV-1003", "gone@cardamom.test"), ("INV-1004", "closed@dune.test"), ("INV-1005", "frontdesk@elm.test")):
    ids[to] = probe.post(f"/invoices/{invoice_id}/send", json={"to": to}).expect(202).json["job_id"]
run_worker(redis_k)
patient = check_app(create_app, {"REDIS": redis_k, "BACKOFF": [30, 30, 30]})
mailer.busy_for(1)
patient.post("/invoices/INV-1002/send", json={"to": "wait@nut.test"}).expect(202)
run_worker(redis_k)
probe.post("/invoices/INV-1001/send", json={"to": "later@acme.test"}).expect(202)
listing = probe.get("/dead-letters").expect(200, is_json=True)
letters = listing.json if isinstance(listing.json, list) else []
assert letters and all(isinstance(item, dict) for item in letters), f"{listing.label}: the dead letters should be JSON objects, got {listing.json}"
by_job = {item.get("job_id"): item for item in letters}
wanted = {ids["gone@cardamom.test"]: ("INV-1003", "gone@cardamom.test"), ids["closed@dune.test"]: ("INV-1004", "closed@dune.test")}
assert sorted(map(str, by_job)) == sorted(wanted) and len(letters) == 2, (
    f"{listing.label} should list the two jobs rejected by the mail server (INV-1003 and INV-1004), not the finished "
    f"one, the one waiting for a retry or the one still queued; it lists {[(i.get('invoice_id'), i.get('to')) for i in letters]}")
for job_id, (invoice_id, to) in wanted.items():
    item = by_job[job_id]
    assert (item.get("invoice_id"), item.get("to")) == (invoice_id, to), (
        f"the dead letter of job {job_id} should name invoice {invoice_id} and {to}; it holds {item}")
    reason = item.get("reason")
    assert isinstance(reason, str) and "MailRejected" in reason and f"{to}: mailbox does not exist" in reason, (
        f"the reason of the dead letter for {to} should hold the exception's class name (MailRejected) and its "
        f"message ('{to}: mailbox does not exist'); it is {reason!r}")

def always_unreachable(invoice_id, to):
    raise ConnectionError("mail server unreachable")


redis_m = fresh_redis()
probe = check_app(create_app, {"REDIS": redis_m})
lost = probe.post("/invoices/INV-1002/send", json={"to": "ops@nut.test"}).expect(202).json["job_id"]
shortened = RQJob.fetch(lost, connection=redis_m)
shortened.retries_left, shortened.retry_intervals = 1, [0]
shortened.save()
candidate_job = ledgerly_jobs.send_invoice
ledgerly_jobs.send_invoice = always_unreachable
try:
    run_worker(redis_m)
finally:
    ledgerly_jobs.send_invoice = candidate_job
listing = probe.get("/dead-letters").expect(200, is_json=True)
found = [{k: item.get(k) for k in ("job_id", "invoice_id", "to")} for item in listing.json if isinstance(item, dict)] if isinstance(
    listing.json, list) else listing.json
assert found == [{"job_id": lost, "invoice_id": "INV-1002", "to": "ops@nut.test"}], (
    f"{listing.label} should list the job for INV-1002 to ops@nut.test, whose last retry failed (mail server "
    f"unreachable); it lists {found}")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task6", "locked": true}
# ## Task 6: a question from your reviewer (3 points, graded by hand)
#
# Your job checks Redis for "already sent", then sends, then records it.
# In production Ledgerly runs eight worker processes, and RQ may run a job
# twice: a worker killed after the mail went out but before RQ marked the
# job finished gets its job requeued as abandoned. In a few sentences: where
# can an invoice still go out twice with your design, what would you change
# to make that as unlikely as possible (say what the mail provider could do
# for you), and why is "exactly once" not something the worker alone can
# promise?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task6_answer", "points": 3, "solution": true}
# **Model answer.** Two windows remain. Two workers running jobs for the same
# invoice and address at the same moment both read "not sent" and both send
# (check-then-act race). And a worker that dies after `send` returned but
# before it wrote the record leaves no trace, so the requeued job sends
# again. The first is closed with an atomic **claim** before sending:
# `SET invoice-mail:INV:to <job id> NX EX 600` (or a unique row in the
# database): only the winner sends; a loser sees "in progress" and retries
# later or returns; the claim expires so a crashed holder does not block the
# invoice forever, and it is released when the send fails. The second cannot
# be closed on our side alone: the email and our record are two systems
# without a shared transaction. The fix is to pass the idempotency key to
# the provider (many mail and payment APIs accept an `Idempotency-Key` or
# a message id they deduplicate on), so a repeat of the same send is dropped
# there; otherwise an outbox pattern narrows the window. Delivery to another
# system is at-least-once by nature: a worker can crash between the effect and
# the acknowledgement, so "exactly once" is at-least-once delivery plus an
# idempotent effect, and the idempotency has to live where the effect happens.
#
# **Rubric (1 point each).**
# 1. Names a real duplicate: the race between two concurrent jobs (check,
#    then send), or the crash after sending and before recording.
# 2. An atomic claim (`SET NX` with an expiry, a unique constraint, a lock)
#    taken before sending and released or expiring on failure, with what a
#    second job does meanwhile.
# 3. Explains that the side effect and the record cannot be atomic, so
#    exactly-once needs the receiver's deduplication (an idempotency key or
#    message id given to the provider): at-least-once delivery plus an
#    idempotent effect.

# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # REST resources: projects, tasks and safe concurrent edits for Lattice
#
# Lattice is a small project tracker. Its web front end, a mobile app and a
# few scripts of other teams all talk to one JSON API. Two people editing the
# same project at once have been overwriting each other's changes, clients
# retry requests after timeouts, and nobody agrees on what `PUT` and `PATCH`
# do. You will build the API's resources so that HTTP's own rules answer
# those questions.
#
# **Resources.** A *project* is
#
# ```json
# {"id": 1, "key": "WEB", "name": "Website relaunch",
#  "settings": {"visibility": "team", "notifications": {"email": true, "chat": false}},
#  "labels": ["frontend", "q3"]}
# ```
#
# at `/projects/<id>`; its *tasks* are a sub-resource, each at
# `/projects/<project id>/tasks/<task id>`:
#
# ```json
# {"id": 2, "project_id": 1, "title": "Write the copy", "done": false}
# ```
#
# | task | what you add | points |
# | --- | --- | --- |
# | 1 | the factory, `GET /projects`, `GET /projects/<id>`, `POST /projects` (`201` + `Location`, `409` for a taken key) | 3 |
# | 2 | tasks as a sub-resource, idempotent `DELETE`, `409` for a project that still has tasks | 4 |
# | 3 | `PUT` (replace) and `PATCH` with JSON Merge Patch (RFC 7396) | 4 |
# | 4 | `ETag` and `If-Match`: optimistic concurrency with `412` and `428` | 4 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** All of your code goes in **one cell**, the one
# marked *Your app*, which you keep extending from task to task. Define
# `create_app(test_config=None)` there: it builds and returns a new `Flask`
# app each time it is called, and applies `test_config` (a dict) on top of
# its defaults. The tests call `create_app({"TESTING": True, ...})` and talk
# to the app only through Flask's test client, so any correct design passes.
# You need only Flask and Werkzeug (which comes with it); the standard library
# (`copy`, `hashlib`, `json`, `uuid`) is there too.
#
# The **bodies of error responses are up to you** (a JSON object such as
# `{"error": "..."}` is good practice): the tests check their status codes
# only.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code and says what was requested, what
# came back and what was expected; **Hint** reveals up to three hints, one at
# a time. More tests of each task run when your notebook is graded. Re-run
# the *Your app* cell after every change, then press Check. Without widgets,
# `check("task1")` and `hint("task1")` do the same.
#
# You may read the Flask and Werkzeug documentation, RFC 9110 (HTTP
# semantics) and RFC 7396 (JSON Merge Patch) while you work.

# %% nbgrader={"grade_id": "seed", "locked": true}
# The data the app starts with. Do not edit this cell.
SEED_PROJECTS = [
    {
        "id": 1, "key": "WEB", "name": "Website relaunch",
        "settings": {"visibility": "team", "notifications": {"email": True, "chat": False}},
        "labels": ["frontend", "q3"],
    },
    {"id": 2, "key": "OPS", "name": "On-call rota", "settings": {"visibility": "private"}, "labels": []},
]
SEED_TASKS = [
    {"id": 1, "project_id": 1, "title": "Pick a font", "done": True},
    {"id": 2, "project_id": 1, "title": "Write the copy", "done": False},
    {"id": 3, "project_id": 2, "title": "Swap the pager", "done": False},
]

# %% [markdown] nbgrader={"grade_id": "your_app_intro", "locked": true}
# ## Your app
#
# Write `create_app(test_config=None)` and everything it needs in the cell
# below. Start with task 1 and come back here for each task.

# %% nbgrader={"grade_id": "your_app", "solution": true}
import copy
import hashlib
import json

from flask import Flask, abort, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

MERGE_PATCH = "application/merge-patch+json"


def project_from(data):
    """Return the stored members of a project document, or None when it is invalid.

    Valid: a JSON object with "key" and "name" (non-empty strings), and optional
    "settings" (an object, default {}) and "labels" (an array, default []).
    Any other member, "id" included, is left out of the result.
    """
    ### BEGIN SOLUTION
    if not isinstance(data, dict):
        return None
    key, name = data.get("key"), data.get("name")
    settings, labels = data.get("settings", {}), data.get("labels", [])
    if not (isinstance(key, str) and key and isinstance(name, str) and name):
        return None
    if not isinstance(settings, dict) or not isinstance(labels, list):
        return None
    return {"key": key, "name": name, "settings": settings, "labels": labels}
    ### END SOLUTION


def merge_patch(target, patch):
    """Return the result of applying the JSON Merge Patch `patch` to `target` (RFC 7396).

    Neither argument is changed.
    """
    ### BEGIN SOLUTION
    if not isinstance(patch, dict):
        # A patch that is not an object replaces the target (arrays included).
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            # Recursing also for a member the target lacks drops the nulls inside a new object.
            result[name] = merge_patch(result.get(name), value)
    return result
    ### END SOLUTION


def create_app(test_config=None):
    """Build the Lattice API: defaults PROJECTS=SEED_PROJECTS and TASKS=SEED_TASKS, then test_config."""
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    if test_config is not None:
        app.config.update(test_config)

    # Deep copies: settings are nested, and a PATCH must never reach the config's objects.
    projects = {p["id"]: copy.deepcopy(p) for p in app.config["PROJECTS"]}
    tasks = {t["id"]: dict(t) for t in app.config["TASKS"]}

    @app.errorhandler(HTTPException)
    def json_error(error):
        response = error.get_response()  # keeps headers such as Allow
        response.set_data(json.dumps({"error": error.description}))
        response.content_type = "application/json"
        return response

    def etag_of(project):
        # A strong validator: the same representation always gets the same tag,
        # any change gets another.
        text = json.dumps(project, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def find_project(project_id):
        if project_id not in projects:
            abort(404, description=f"There is no project {project_id}.")
        return projects[project_id]

    def find_task(project_id, task_id):
        find_project(project_id)
        task = tasks.get(task_id)
        # A task is only reachable through its own project.
        if task is None or task["project_id"] != project_id:
            abort(404, description=f"Project {project_id} has no task {task_id}.")
        return task

    def key_taken(key, by_other_than=None):
        return any(p["key"] == key and p["id"] != by_other_than for p in projects.values())

    def require_current(project):
        if "If-Match" not in request.headers:
            abort(428, description="Send If-Match with the ETag of the project you edited.")
        # contains() is RFC 9110's strong comparison: a weak tag never matches; * matches.
        if not request.if_match.contains(etag_of(project)):
            abort(412, description="The project changed since you read it: GET it again.")

    def project_response(project, status=200, headers=None):
        response = jsonify(project)
        response.status_code = status
        response.set_etag(etag_of(project))
        response.headers.extend(headers or {})
        return response

    def store(project_id, fields):
        if key_taken(fields["key"], by_other_than=project_id):
            abort(409, description=f"Another project already has the key {fields['key']}.")
        projects[project_id] = {"id": project_id, **copy.deepcopy(fields)}
        return projects[project_id]

    @app.get("/projects")
    def project_list():
        return jsonify([projects[i] for i in sorted(projects)])

    @app.post("/projects")
    def project_create():
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400, description="A project needs a non-empty key and name.")
        project = store(max(projects, default=0) + 1, fields)
        location = url_for("project_detail", project_id=project["id"])
        return project_response(project, 201, {"Location": location})

    @app.get("/projects/<int:project_id>")
    def project_detail(project_id):
        return project_response(find_project(project_id))

    @app.put("/projects/<int:project_id>")
    def project_replace(project_id):
        require_current(find_project(project_id))
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400, description="A project needs a non-empty key and name.")
        # Replace: members the body leaves out go back to their defaults.
        return project_response(store(project_id, fields))

    @app.patch("/projects/<int:project_id>")
    def project_update(project_id):
        project = find_project(project_id)
        require_current(project)
        if request.mimetype not in (MERGE_PATCH, "application/json"):
            abort(415, description=f"Send the patch as {MERGE_PATCH}.")
        patch = request.get_json(silent=True)
        if patch is None:
            abort(400, description="The body is not JSON.")
        current = {k: v for k, v in project.items() if k != "id"}
        patch = {k: v for k, v in patch.items() if k != "id"} if isinstance(patch, dict) else patch
        # Validate the result before storing anything: a refused patch changes nothing.
        fields = project_from(merge_patch(current, patch))
        if fields is None:
            abort(400, description="The patched project would not be valid.")
        return project_response(store(project_id, fields))

    @app.delete("/projects/<int:project_id>")
    def project_delete(project_id):
        find_project(project_id)
        if any(t["project_id"] == project_id for t in tasks.values()):
            abort(409, description="Delete the project's tasks first.")
        del projects[project_id]
        return "", 204

    @app.get("/projects/<int:project_id>/tasks")
    def task_list(project_id):
        find_project(project_id)
        return jsonify([tasks[i] for i in sorted(tasks) if tasks[i]["project_id"] == project_id])

    @app.post("/projects/<int:project_id>/tasks")
    def task_create(project_id):
        find_project(project_id)
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, description="The body must be a JSON object.")
        title, done = data.get("title"), data.get("done", False)
        if not isinstance(title, str) or not title or not isinstance(done, bool):
            abort(400, description="A task needs a non-empty title; done is true or false.")
        task = {"id": max(tasks, default=0) + 1, "project_id": project_id, "title": title, "done": done}
        tasks[task["id"]] = task
        location = url_for("task_detail", project_id=project_id, task_id=task["id"])
        return jsonify(task), 201, {"Location": location}

    @app.get("/projects/<int:project_id>/tasks/<int:task_id>")
    def task_detail(project_id, task_id):
        return jsonify(find_task(project_id, task_id))

    @app.delete("/projects/<int:project_id>/tasks/<int:task_id>")
    def task_delete(project_id, task_id):
        del tasks[find_task(project_id, task_id)["id"]]
        return "", 204

    return app
    ### END SOLUTION

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: projects, created with `201` and `Location` (3 points)
#
# In *Your app*, write `create_app(test_config=None)`:
#
# - it creates a new `Flask(__name__)` app with the defaults
#   `PROJECTS = SEED_PROJECTS` and `TASKS = SEED_TASKS`, then applies
#   `test_config` when one is given. Each app works on its own copy of both:
#   what one app changes must never show in another app built from the same
#   lists;
# - `GET /projects` answers `200` with the list of all projects, in order of
#   id;
# - `GET /projects/<int:project_id>` answers `200` with the project, or `404`
#   when there is none with that id;
# - `POST /projects` creates a project from a JSON body. A valid body is a
#   JSON object with `key` and `name` (non-empty strings) and, optionally,
#   `settings` (an object, default `{}`) and `labels` (an array, default
#   `[]`); other members, `id` included, are ignored (write `project_from`
#   for this, you will use it again). The server picks the new `id`: an
#   integer no other project has. The answer is `201` with the new project
#   (all five members) as JSON and a `Location` header with its URL,
#   `/projects/<id>` (a relative or an absolute URL are both accepted).
# - A body that is not a valid project (not a JSON object, malformed, a
#   member missing or of the wrong type) answers `400`; when the
#   `Content-Type` is not JSON at all, `415` is accepted too. Otherwise, when
#   another project already has the same `key`, the answer is `409 Conflict`.
#   A refused `POST` creates nothing.

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/projects/1").expect(200, json=SEED_PROJECTS[0])
_made = app.post("/projects", json={"key": "APP", "name": "Mobile app"}).expect(
    201, json_subset={"key": "APP", "name": "Mobile app", "settings": {}, "labels": []},
    why="a new project with the default settings and labels",
)
_made = _made.expect(location=f"/projects/{(_made.json or {}).get('id')}", why="the URL of the new project")
app.get(f"/projects/{_made.json['id']}").expect(200, json=_made.json, why="the project that POST created")

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 2}
# More tests of task 1 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
# Out of order on purpose: GET /projects lists them in order of id.
docs = dict(id=3, key="DOC", name="Docs", settings=dict(theme="dark"), labels=["writing"])
public_api = dict(id=7, key="API", name="Public API", settings={}, labels=[])
projects = [public_api, docs]
app = check_app(create_app, {"PROJECTS": projects, "TASKS": []})
app.get("/projects").expect(200, json=[docs, public_api], why="the projects of this test's PROJECTS, in order of id")
app.get("/projects/7").expect(200, json=public_api)
app.get("/projects/1").expect(404, why="this test's PROJECTS has no project 1")
app.get("/projects/99").expect(404, why="there is no project 99")

body = dict(key="OPS", name="Operations", settings=dict(alerts=dict(sms=True)), labels=["infra"], owner="ana", id=3)
made = app.post("/projects", json=body).expect(201, why="a valid project; owner and id are ignored")
new_id = (made.json or {}).get("id")
assert type(new_id) is int and new_id not in (3, 7), (
    f"POST /projects should give the new project an integer id that no other project has "
    f"(3 and 7 are taken), got {made.describe()}"
)
stored = {"id": new_id, "key": "OPS", "name": "Operations", "settings": {"alerts": {"sms": True}}, "labels": ["infra"]}
made.expect(json=stored, location=f"/projects/{new_id}",
            why="the new project with its five members (owner and id of the body are ignored), at its own URL")
app.get(f"/projects/{new_id}").expect(200, json=stored, why="the project POST created")
app.get("/projects/3").expect(200, json=docs, why="creating a project leaves the others as they were")

invalid = [
    (["OPS2", "Ops"], "the body is a list"),
    ({"name": "No key"}, "key is missing"),
    ({"key": "", "name": "Empty key"}, "key is empty"),
    ({"key": "NUM", "name": 5}, "name is not a string"),
    ({"key": "NUM", "name": ""}, "name is empty"),
    ({"key": "SET", "name": "Settings", "settings": ["dark"]}, "settings is not an object"),
    ({"key": "LAB", "name": "Labels", "labels": "infra"}, "labels is not an array"),
    ({"key": "DOC"}, "name is missing (the taken key does not matter: the body is checked first)"),
]
for bad, reason in invalid:
    app.post("/projects", json=bad).expect(400, why=reason)
app.post("/projects", data="{not json", content_type="application/json").expect(400, why="malformed JSON")
app.post("/projects", data="key=FRM&name=Form", content_type="application/x-www-form-urlencoded").expect(
    (400, 415), why="a form body, not JSON"
)
app.post("/projects").expect((400, 415), why="there is no body")
app.post("/projects", json={"key": "DOC", "name": "Another docs"}).expect(409, why="project 3 already has the key DOC")
app.post("/projects", json={"key": "OPS", "name": "Ops again"}).expect(
    409, why="the project created above already has the key OPS"
)
app.get("/projects").expect(200, json=[docs, public_api, stored],
                            why="refused POSTs create nothing: still the two projects and the one created")

again = check_app(create_app, {"PROJECTS": projects, "TASKS": []})
again.get("/projects").expect(
    200, json=[docs, public_api],
    why="a new app built from the same PROJECTS starts with those two projects: what another app created must not show",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: tasks as a sub-resource, and `DELETE` (4 points)
#
# A task belongs to one project and is reached only through it:
#
# - `GET /projects/<project_id>/tasks` answers `200` with the project's tasks,
#   in order of id (`[]` when it has none), or `404` when the project does
#   not exist;
# - `POST /projects/<project_id>/tasks` with a JSON object `{"title": <non-empty string>}`
#   and an optional `"done"` (`true` or `false`, default `false`) answers
#   `201` with the new task `{"id", "project_id", "title", "done"}` and a
#   `Location` header with its URL, `/projects/<project_id>/tasks/<id>`. Task
#   ids are integers unique across all projects. An invalid body answers
#   `400` (`415` accepted when the `Content-Type` is not JSON); an unknown
#   project answers `404` and creates nothing;
# - `GET /projects/<project_id>/tasks/<task_id>` answers `200` with the task,
#   or `404` when there is no such task **in that project** (a task of
#   project 2 does not exist at `/projects/1/tasks/...`);
# - `DELETE /projects/<project_id>/tasks/<task_id>` answers `204` with an
#   empty body and deletes the task. `DELETE` is idempotent: deleting it
#   again answers `204` or `404` (both are accepted), and changes nothing. A
#   `DELETE` through the wrong project answers `404` and deletes nothing;
# - `DELETE /projects/<project_id>` answers `409 Conflict` while the project
#   still has tasks, and deletes nothing; otherwise `204`, and the project is
#   gone (`404` from then on, for it and its tasks). A second `DELETE`
#   answers `204` or `404`.
#
# `DELETE` needs no `If-Match` header, now or after task 4.

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
app.get("/projects/1/tasks").expect(200, json=SEED_TASKS[:2], why="tasks 1 and 2 belong to project 1")
_made = app.post("/projects/2/tasks", json={"title": "Rotate keys"}).expect(
    201, json_subset={"project_id": 2, "title": "Rotate keys", "done": False}, why="a new task of project 2",
)
_made.expect(location=f"/projects/2/tasks/{(_made.json or {}).get('id')}", why="the URL of the new task")
app.delete("/projects/1/tasks/2").expect(204, empty=True)
app.get("/projects/1/tasks/2").expect(404, why="task 2 was deleted")

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 3}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
mobile = dict(id=4, key="MOB", name="Mobile", settings={}, labels=[])
billing = dict(id=5, key="BIL", name="Billing", settings={}, labels=[])
projects = [mobile, billing, dict(id=6, key="EMP", name="Empty", settings={}, labels=[])]
# Out of order on purpose: a project's tasks are listed in order of id.
push_alerts = dict(id=12, project_id=4, title="Push alerts", done=False)
invoices = dict(id=11, project_id=5, title="Invoices", done=True)
login_screen = dict(id=10, project_id=4, title="Login screen", done=False)
tasks = [push_alerts, invoices, login_screen]
app = check_app(create_app, {"PROJECTS": projects, "TASKS": tasks})
app.get("/projects/4/tasks").expect(200, json=[login_screen, push_alerts], why="tasks 10 and 12 belong to project 4")
app.get("/projects/6/tasks").expect(200, json=[], why="project 6 has no tasks")
app.get("/projects/9/tasks").expect(404, why="there is no project 9")
app.get("/projects/5/tasks/11").expect(200, json=invoices)
app.get("/projects/4/tasks/11").expect(404, why="task 11 belongs to project 5, not 4")
app.get("/projects/4/tasks/99").expect(404, why="there is no task 99")

app.post("/projects/9/tasks", json={"title": "Orphan"}).expect(404, why="there is no project 9")
for bad, reason in (
    ({"done": True}, "title is missing"),
    ({"title": ""}, "title is empty"),
    ({"title": 7}, "title is not a string"),
    ({"title": "Refunds", "done": "yes"}, "done is not true or false"),
    (["Refunds"], "the body is a list"),
):
    app.post("/projects/5/tasks", json=bad).expect(400, why=reason)
app.post("/projects/5/tasks", data="title=Refunds", content_type="application/x-www-form-urlencoded").expect(
    (400, 415), why="a form body, not JSON"
)
app.get("/projects/5/tasks").expect(200, json=[invoices], why="refused POSTs create no task")

first = app.post("/projects/5/tasks", json={"title": "Refunds", "done": True}).expect(201)
second = app.post("/projects/6/tasks", json={"title": "Kick-off"}).expect(201)
ids = [(reply.json or {}).get("id") for reply in (first, second)]
assert all(type(i) is int for i in ids) and ids[0] != ids[1] and not set(ids) & {10, 11, 12}, (
    f"task ids are integers unique across all projects: tasks 10, 11 and 12 exist, and two new tasks "
    f"of projects 5 and 6 got the ids {ids}"
)
refunds = {"id": ids[0], "project_id": 5, "title": "Refunds", "done": True}
first.expect(json=refunds, location=f"/projects/5/tasks/{ids[0]}", why="the new task of project 5, at its own URL")
app.get(f"/projects/5/tasks/{ids[0]}").expect(200, json=refunds, why="the task POST created")
app.get(f"/projects/4/tasks/{ids[0]}").expect(404, why=f"task {ids[0]} belongs to project 5")

app.delete("/projects/4/tasks/11").expect(404, why="task 11 belongs to project 5: deleting it through project 4")
app.get("/projects/5/tasks/11").expect(200, json=invoices, why="a DELETE through the wrong project deletes nothing")

app.delete("/projects/4/tasks/10").expect(204, empty=True, why="deleting task 10 of project 4")
app.delete("/projects/4/tasks/10").expect((204, 404), why="deleting task 10 again: DELETE is idempotent")
app.get("/projects/4/tasks").expect(200, json=[push_alerts], why="after two DELETEs of task 10, task 12 is left")

app.delete("/projects/4").expect(409, why="project 4 still has task 12")
app.get("/projects/4").expect(200, json=mobile, why="a refused DELETE deletes nothing")
app.get("/projects/4/tasks/12").expect(200, json=push_alerts, why="a refused DELETE of the project keeps its tasks")
app.delete("/projects/4/tasks/12").expect(204)
app.delete("/projects/4").expect(204, empty=True, why="project 4 has no tasks left")
app.get("/projects/4").expect(404, why="project 4 was deleted")
app.get("/projects/4/tasks").expect(404, why="project 4 was deleted")
app.delete("/projects/4").expect((204, 404), why="deleting project 4 again: DELETE is idempotent")
app.get("/projects/5").expect(200, json=billing, why="deleting project 4 leaves project 5")
app.get("/projects/5/tasks").expect(200, json=[invoices, refunds], why="deleting project 4 leaves the tasks of project 5")

again = check_app(create_app, {"PROJECTS": projects, "TASKS": tasks})
again.get("/projects/4/tasks").expect(
    200, json=[login_screen, push_alerts],
    why="a new app built from the same TASKS starts with tasks 10 and 12 in project 4: what another app deleted must not show",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: `PUT` replaces, `PATCH` merges (4 points)
#
# - `PUT /projects/<project_id>` **replaces** the project with the body, a
#   project document as in `POST` (the `id` stays; an `id` in the body is
#   ignored): members the body leaves out go back to their defaults. It
#   answers `200` with the project as JSON, or `204` with an empty body (both
#   accepted). `PUT` never creates: an unknown id answers `404`. Sending the
#   same `PUT` twice leaves the project as one `PUT` does.
# - `PATCH /projects/<project_id>` applies a **JSON Merge Patch** (RFC 7396)
#   to the project (without its `id`; an `id` in the patch is ignored) and
#   answers `200` with the patched project. In a merge patch, a member set
#   to `null` is removed (a removed `settings` or `labels` goes back to its
#   default), an object is merged into the object it patches, member by
#   member and at every depth, and anything else (a string, an array)
#   replaces the old value. Write `merge_patch(target, patch)` for this.
# - `PATCH` accepts the `Content-Type` `application/merge-patch+json`, and
#   also `application/json`, with or without a `charset` parameter. Any other
#   type (`application/json-patch+json` is RFC 6902 JSON Patch, a different
#   format) or none answers `415 Unsupported Media Type`.
# - Both answer `400` when the body is not JSON or the result is not a valid
#   project (for example `{"name": null}` removes a required member), and
#   `409` when the result's `key` is another project's. A refused `PUT` or
#   `PATCH` changes nothing.
#
# The tests of this task send an `If-Match` header with the `ETag` of a
# `GET` of the project, or `If-Match: *` when there is none: ignore it for
# now, task 4 uses it. (For an unknown project that sends `If-Match`, `412`
# is accepted as well as `404`.)

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app

app = check_app(create_app)
_tag = {"If-Match": app.get("/projects/2").headers.get("ETag", "*")}
_body = {"key": "ONCALL", "name": "On-call", "settings": {"visibility": "team"}, "labels": ["support"]}
app.put("/projects/2", json=_body, headers=_tag).expect((200, 204))
app.get("/projects/2").expect(200, json={"id": 2, **_body}, why="PUT replaced project 2 with the body")
_tag = {"If-Match": app.get("/projects/1").headers.get("ETag", "*")}
app.patch("/projects/1", data='{"name": "Website 2.0"}', content_type="application/merge-patch+json",
          headers=_tag).expect(200, json={**SEED_PROJECTS[0], "name": "Website 2.0"},
                               why="the merge patch renamed project 1 and left the rest as it was")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 3}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
import json

ours = dict(id=8, key="CRM", name="CRM", labels=["sales", "q4"],
            settings=dict(visibility="team", notifications=dict(email=True, chat=False), colour="teal"))
other = dict(id=9, key="ERP", name="ERP", settings={}, labels=[])
projects = [ours, other]
app = check_app(create_app, {"PROJECTS": projects, "TASKS": []})


def if_match(path):
    return {"If-Match": app.get(path).headers.get("ETag", "*")}


def current():
    return app.get("/projects/8").expect(200).json


def patch(body, content_type="application/merge-patch+json", why=None, status=200, expect=None):
    data = body if isinstance(body, str) else json.dumps(body)
    reply = app.patch("/projects/8", data=data, content_type=content_type, headers=if_match("/projects/8"))
    if expect is None:
        return reply.expect(status, why=why)
    return reply.expect(status, json={"id": 8, **expect}, why=why)


# PUT replaces.
replacement = {"key": "CRM", "name": "Customers", "settings": {"visibility": "private"}, "id": 1}
stored = {"id": 8, "key": "CRM", "name": "Customers", "settings": {"visibility": "private"}, "labels": []}
reply = app.put("/projects/8", json=replacement, headers=if_match("/projects/8")).expect((200, 204))
if reply.status_code == 200:
    reply.expect(json=stored, why="PUT answers the project as replaced: labels back to [], the body's id ignored")
else:
    reply.expect(empty=True, why="a 204 has no body")
app.get("/projects/8").expect(200, json=stored, why="PUT replaced the project, keeping the same key: settings as sent, "
                                                    "labels back to [], the body's id ignored")
app.put("/projects/8", json=replacement, headers=if_match("/projects/8")).expect(
    (200, 204), why="the same PUT again: PUT is idempotent"
)
app.get("/projects/8").expect(200, json=stored, why="two identical PUTs leave the project as one does")
app.get("/projects/1").expect(404, why="the id in a PUT body is ignored: it creates nothing")
app.put("/projects/77", json=replacement, headers={"If-Match": "*"}).expect(
    (404, 412), why="there is no project 77, and PUT never creates"
)
app.get("/projects/77").expect(404, why="a PUT to an unknown id creates nothing")
for bad, reason in (({"name": "No key"}, "key is missing"), ({"key": "CRM", "name": "X", "labels": {}}, "labels is not an array")):
    app.put("/projects/8", json=bad, headers=if_match("/projects/8")).expect(400, why=reason)
app.put("/projects/8", json={"key": "ERP", "name": "Clash"}, headers=if_match("/projects/8")).expect(
    409, why="project 9 has the key ERP"
)
app.get("/projects/8").expect(200, json=stored, why="refused PUTs change nothing")

# PATCH merges.
fresh = check_app(create_app, {"PROJECTS": projects, "TASKS": []})
app = fresh
base = {k: v for k, v in ours.items() if k != "id"}
patch({"settings": {"notifications": {"chat": True}}},
      expect={**base, "settings": {**base["settings"], "notifications": {"email": True, "chat": True}}},
      why="a nested object is merged member by member: only notifications.chat changes")
patch({"settings": {"notifications": {"email": None}, "colour": None}},
      expect={**base, "settings": {"visibility": "team", "notifications": {"chat": True}}},
      why="null removes notifications.email and colour, and nothing else")
patch({"labels": ["q4"], "id": 3},
      expect={**base, "settings": {"visibility": "team", "notifications": {"chat": True}}, "labels": ["q4"]},
      why="an array replaces the old one; the patch's id is ignored")
patch({"settings": {"sla": {"hours": 4, "pager": None}}},
      expect={**base, "settings": {"visibility": "team", "notifications": {"chat": True}, "sla": {"hours": 4}},
              "labels": ["q4"]},
      why="a null inside a new object is not stored: RFC 7396 removes it even where nothing was")
state = current()
patch({"settings": None, "labels": None, "name": "CRM 2"},
      expect={"key": "CRM", "name": "CRM 2", "settings": {}, "labels": []},
      why="settings and labels removed go back to their defaults")
state = current()
patch({"name": "CRM 3"}, content_type="application/json", why="application/json is accepted too")
patch({"name": "CRM 4"}, content_type="application/merge-patch+json; charset=utf-8",
      why="a charset parameter is accepted")
state = current()
assert state.get("name") == "CRM 4", f"after two PATCHes renaming project 8, GET /projects/8 should show CRM 4, got {state}"

for content_type, reason in (
    ("application/json-patch+json", "JSON Patch (RFC 6902) is not a merge patch"),
    ("text/plain", "text/plain is not a merge patch"),
    ("application/x-www-form-urlencoded", "a form is not a merge patch"),
):
    body = '[{"op": "replace", "path": "/name", "value": "Hacked"}]' if "json-patch" in content_type else '{"name": "Hacked"}'
    reply = app.patch("/projects/8", data=body, content_type=content_type, headers=if_match("/projects/8"))
    reply.expect(415, why=reason)
reply = app.patch("/projects/8", data='{"name": "Hacked"}', headers=if_match("/projects/8")).expect(
    415, why="no Content-Type"
)
patch("{not json", status=400, why="malformed JSON")
patch({"name": None, "labels": ["lost"]}, status=400, why="removing name leaves an invalid project")
patch({"key": "", "settings": {"visibility": "public"}}, status=400, why="an empty key is not valid")
patch({"settings": ["flat"]}, status=400, why="settings would be an array")
patch(["name", "x"], status=400, why="a patch that is an array replaces the whole project, which is then invalid")
patch({"key": "ERP", "labels": ["clash"]}, status=409, why="project 9 has the key ERP")
app.get("/projects/8").expect(200, json=state, why="refused PATCHes change nothing")
app.get("/projects/9").expect(200, json=other, why="PATCHes of project 8 leave project 9 alone")
app.patch("/projects/77", data='{"name": "x"}', content_type="application/merge-patch+json",
          headers={"If-Match": "*"}).expect((404, 412), why="there is no project 77")

again = check_app(create_app, {"PROJECTS": projects, "TASKS": []})
again.get("/projects/8").expect(
    200, json=ours,
    why="a new app built from the same PROJECTS starts with project 8 as it was: "
    "what PATCHes of another app changed (nested settings included) must not show",
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: `ETag` and `If-Match`: no lost updates (4 points)
#
# Two people open project 1, both edit it, both save: without a check, the
# second save silently undoes the first. Make `PUT` and `PATCH` conditional:
#
# - `GET /projects/<id>` sends an `ETag` header: a **strong** entity tag
#   (`"..."` with the quotes, no `W/` prefix) of your choice. It stays the
#   same while the project does not change, and changes whenever the project
#   changes. Clients treat it as opaque: the tests only send it back, they
#   never look inside it.
# - `PUT` and `PATCH` of a project require an `If-Match` header. Without
#   one they answer `428 Precondition Required`. With one, they go ahead
#   only when it matches the project's current entity tag by RFC 9110's
#   **strong comparison**: the same tag, and neither is weak (so
#   `W/"<current tag>"` does not match). `If-Match: *` matches any existing
#   project, and a list of tags matches when any of them does. Otherwise they
#   answer `412 Precondition Failed`. A `428` or `412` changes nothing.
# - A successful `PUT` or `PATCH` sends the project's new `ETag` in its
#   response, so the client can edit again without another `GET`.
#
# Werkzeug parses `If-Match` for you (`request.if_match`), and a response
# can set its tag (`response.set_etag`).

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 2}
from autograder import check_app

app = check_app(create_app)
_tag = app.get("/projects/1").expect(200).headers.get("ETag")
assert _tag, "GET /projects/1 should send an ETag header, but it sent none"
app.put("/projects/1", json={"key": "WEB", "name": "Website"}).expect(428, why="a PUT without If-Match")
app.patch("/projects/1", data='{"name": "Website"}', content_type="application/merge-patch+json").expect(
    428, why="a PATCH without If-Match"
)
app.get("/projects/1").expect(200, json=SEED_PROJECTS[0], why="a 428 changes nothing")
app.patch("/projects/1", data='{"name": "Website 2.0"}', content_type="application/merge-patch+json",
          headers={"If-Match": _tag}).expect(200, why="If-Match holds the ETag of the GET just before")
app.put("/projects/1", json={"key": "WEB", "name": "Website"}, headers={"If-Match": _tag}).expect(
    412, why="If-Match holds the ETag from before the PATCH: someone changed the project since"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 2}
# More tests of task 4 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
import re

from werkzeug.http import unquote_etag

ENTITY_TAG = re.compile(r'"[\x21\x23-\x7e\x80-\xff]*"')
project = {"id": 5, "key": "HR", "name": "Hiring", "settings": {"remote": True}, "labels": ["people"]}
app = check_app(create_app, {"PROJECTS": [project], "TASKS": []})
MERGE = "application/merge-patch+json"


def tag_of_get():
    reply = app.get("/projects/5").expect(200)
    tag = reply.headers.get("ETag")
    assert tag is not None, f"GET /projects/5 should send an ETag header, got {reply.describe('ETag')}"
    return tag


def unchanged(expected, why):
    app.get("/projects/5").expect(200, json=expected, why=why)


first = tag_of_get()
assert ENTITY_TAG.fullmatch(first), (
    f"GET /projects/5 sent ETag: {first}; it should be a strong entity tag, a quoted string without W/ "
    'such as "a1b2c3"'
)
assert tag_of_get() == first, "two GETs of a project that did not change should send the same ETag"
value, _weak = unquote_etag(first)
weak = f'W/"{value}"'

for reason, header in (
    ("the weak form of the current ETag never matches (strong comparison)", weak),
    ("an entity tag the project never had", '"not-the-current-tag"'),
):
    app.put("/projects/5", json={"key": "HR", "name": "Stale"}, headers={"If-Match": header}).expect(412, why=reason)
    app.patch("/projects/5", data='{"name": "Stale"}', content_type=MERGE, headers={"If-Match": header}).expect(
        412, why=reason
    )
unchanged(project, "a 412 changes nothing")

put = app.put("/projects/5", json={"key": "HIRE", "name": "Hiring 2025", "settings": {}, "labels": ["people"]},
              headers={"If-Match": f'"not-the-current-tag", {first}'}).expect(
    (200, 204), why="an If-Match list that contains the current ETag"
)
after_put = put.headers.get("ETag")
assert after_put, f"a successful PUT should send the project's new ETag, got {put.describe('ETag')}"
renamed = {"id": 5, "key": "HIRE", "name": "Hiring 2025", "settings": {}, "labels": ["people"]}
unchanged(renamed, "the PUT with a matching If-Match was applied")
app.patch("/projects/5", data='{"name": "Old news"}', content_type=MERGE, headers={"If-Match": first}).expect(
    412, why="If-Match holds the ETag from before the PUT"
)
patched = app.patch("/projects/5", data='{"settings": {"remote": false}}', content_type=MERGE,
                    headers={"If-Match": after_put}).expect(200, why="If-Match holds the ETag the PUT answered with")
after_patch = patched.headers.get("ETag")
assert after_patch, f"a successful PATCH should send the project's new ETag, got {patched.describe('ETag')}"
final = {**renamed, "settings": {"remote": False}}
unchanged(final, "the PATCH with a matching If-Match was applied")
app.put("/projects/5", json={"key": "HR", "name": "Late"}, headers={"If-Match": after_put}).expect(
    412, why="If-Match holds the ETag from before the PATCH"
)
unchanged(final, "a 412 changes nothing")
app.put("/projects/5", json={"key": "HR", "name": "Hiring", "settings": {}, "labels": ["people"]},
        headers={"If-Match": after_patch}).expect((200, 204), why="If-Match holds the ETag the PATCH answered with")
app.patch("/projects/5", data='{"labels": ["team"]}', content_type=MERGE, headers={"If-Match": "*"}).expect(
    200, why="If-Match: * matches any existing project"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# The mobile app's developers ask three things. In a few sentences each:
#
# 1. Ana and Ben both load project 1; Ana renames it, then Ben adds a label
#    with the `ETag` his `GET` gave him. What does each of them get from the
#    API, and what should Ben's app do next?
# 2. A `POST /projects` times out on a bad train connection and the app
#    retries it. What can go wrong that cannot happen when a `PUT` or
#    `DELETE` is retried, and how could the API make creation safe to
#    retry?
# 3. A teammate proposes `W/"…"` ETags computed from the project's JSON,
#    and comparing them with `request.if_match.contains_weak(...)`. Why
#    does this API use strong tags and strong comparison for `If-Match`?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.**
# 1. Ana's `PATCH` carries the `ETag` she read, matches, is applied and
#    answers `200` with a new `ETag`. Ben's `PATCH` carries the old tag, which
#    no longer matches: `412 Precondition Failed`, and nothing changes, so
#    Ana's rename is not lost. Ben's app should `GET` the project again (new
#    representation and `ETag`), re-apply his change to it (or show him the
#    conflict when both touched the same member) and send it with the new tag.
#    Without `If-Match` at all, the API answers `428`, so a client cannot
#    forget the check.
# 2. `POST` is neither idempotent nor safe: if the first request was processed
#    and only the response was lost, the retry creates a second project (or a
#    `409` for the key, which the app then misreads as a failure). `PUT` and
#    `DELETE` are idempotent: repeating them leaves the state as one request
#    does (a second `DELETE` may answer `404`, but nothing changes). To make
#    creation retry-safe: an `Idempotency-Key` header whose first response the
#    server stores and replays, or a client-chosen identifier so creation is a
#    `PUT` to `/projects/<key>` (with `If-None-Match: *`), or a unique natural
#    key whose `409` the client treats as "already created".
# 3. A weak tag only promises semantically equivalent representations, not
#    byte-for-byte identical ones; RFC 9110 requires the strong comparison for
#    `If-Match`, so a weak tag never matches it and every conditional write
#    would fail (or, with a weak comparison, two different states that share a
#    weak validator could overwrite each other). `If-Match` guards writes, so
#    it needs a validator that changes with every change to the stored state;
#    weak comparison is for `If-None-Match` and caching.
#
# **Rubric (1 point each).**
# 1. Ana `200`, Ben `412` with nothing changed; Ben re-reads (`GET`), merges
#    or shows the conflict, and retries with the new `ETag`.
# 2. Names that a retried `POST` can create a duplicate (idempotence of
#    `PUT`/`DELETE` vs `POST`) and gives one working remedy (idempotency key,
#    client-chosen id with `PUT`, or a unique key with `409` handled).
# 3. Explains that `If-Match` uses strong comparison (weak tags never match),
#    and why: a write must be based on exactly the current state, which a weak
#    validator does not guarantee.

"""Reads "done" with bool(...), so "yes", 1 or "false" are accepted. Breaks "an optional "done" (true or false,
default false)" / "An invalid body answers 400".

expect: task2_hidden
"""
# %% your_app
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
    if not isinstance(data, dict):
        return None
    key, name = data.get("key"), data.get("name")
    if not isinstance(key, str) or not key or not isinstance(name, str) or not name:
        return None
    settings = data.get("settings", {})
    labels = data.get("labels", [])
    if not isinstance(settings, dict) or not isinstance(labels, list):
        return None
    return {"key": key, "name": name, "settings": copy.deepcopy(settings), "labels": copy.deepcopy(labels)}


def merge_patch(target, patch):
    """Return the result of applying the JSON Merge Patch `patch` to `target` (RFC 7396).

    Neither argument is changed.
    """
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            result.pop(name, None)
        else:
            result[name] = merge_patch(result.get(name), value)
    return result


def create_app(test_config=None):
    """Build the Lattice API: defaults PROJECTS=SEED_PROJECTS and TASKS=SEED_TASKS, then test_config."""
    app = Flask(__name__)
    app.config.from_mapping(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    if test_config is not None:
        app.config.update(test_config)

    projects = {p["id"]: copy.deepcopy(p) for p in app.config["PROJECTS"]}
    tasks = {t["id"]: copy.deepcopy(t) for t in app.config["TASKS"]}
    counters = {
        "project": max(projects, default=0),
        "task": max(tasks, default=0),
    }

    def next_id(kind):
        counters[kind] += 1
        return counters[kind]

    def etag_of(project):
        return hashlib.sha256(json.dumps(project, sort_keys=True).encode()).hexdigest()

    def get_project(project_id):
        project = projects.get(project_id)
        if project is None:
            abort(404, description="no such project")
        return project

    def key_taken(key, except_id=None):
        return any(p["key"] == key and p["id"] != except_id for p in projects.values())

    def with_etag(project, status=200):
        response = jsonify(project)
        response.status_code = status
        response.set_etag(etag_of(project))
        return response

    def check_preconditions(project):
        if "If-Match" not in request.headers:
            abort(428, description="send If-Match with the ETag of the project")
        if not request.if_match.contains(etag_of(project)):
            abort(412, description="the project changed since you read it")

    def store(project_id, document):
        if key_taken(document["key"], except_id=project_id):
            abort(409, description="another project has this key")
        projects[project_id] = {"id": project_id, **document}
        return with_etag(projects[project_id])

    @app.errorhandler(HTTPException)
    def json_error(error):
        return jsonify(error=error.name, message=error.description), error.code

    @app.get("/projects")
    def project_list():
        return jsonify([projects[i] for i in sorted(projects)])

    @app.get("/projects/<int:project_id>")
    def project_detail(project_id):
        return with_etag(get_project(project_id))

    @app.post("/projects")
    def project_create():
        document = project_from(request.get_json(silent=True))
        if document is None:
            abort(400, description="not a valid project")
        if key_taken(document["key"]):
            abort(409, description="another project has this key")
        project = {"id": next_id("project"), **document}
        projects[project["id"]] = project
        response = with_etag(project, 201)
        response.headers["Location"] = url_for("project_detail", project_id=project["id"])
        return response

    @app.put("/projects/<int:project_id>")
    def project_replace(project_id):
        project = get_project(project_id)
        document = project_from(request.get_json(silent=True))
        if document is None:
            abort(400, description="not a valid project")
        check_preconditions(project)
        return store(project_id, document)

    @app.patch("/projects/<int:project_id>")
    def project_patch(project_id):
        project = get_project(project_id)
        if request.mimetype not in (MERGE_PATCH, "application/json"):
            abort(415, description=f"send {MERGE_PATCH}")
        patch = request.get_json(silent=True, force=True)
        if isinstance(patch, dict):
            patch = {k: v for k, v in patch.items() if k != "id"}
        current = {k: v for k, v in project.items() if k != "id"}
        document = project_from(merge_patch(current, patch))
        if document is None:
            abort(400, description="the patched project is not valid")
        check_preconditions(project)
        return store(project_id, document)

    @app.delete("/projects/<int:project_id>")
    def project_delete(project_id):
        get_project(project_id)
        if any(t["project_id"] == project_id for t in tasks.values()):
            abort(409, description="the project still has tasks")
        del projects[project_id]
        return "", 204

    def get_task(project_id, task_id):
        task = tasks.get(task_id)
        if task is None or task["project_id"] != project_id:
            abort(404, description="no such task in this project")
        return task

    @app.get("/projects/<int:project_id>/tasks")
    def task_list(project_id):
        get_project(project_id)
        return jsonify([tasks[i] for i in sorted(tasks) if tasks[i]["project_id"] == project_id])

    @app.post("/projects/<int:project_id>/tasks")
    def task_create(project_id):
        get_project(project_id)
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400, description="send a JSON object")
        title, done = data.get("title"), bool(data.get("done", False))
        if not isinstance(title, str) or not title:
            abort(400, description="title must be a non-empty string, done true or false")
        task = {"id": next_id("task"), "project_id": project_id, "title": title, "done": done}
        tasks[task["id"]] = task
        location = url_for("task_detail", project_id=project_id, task_id=task["id"])
        return jsonify(task), 201, {"Location": location}

    @app.get("/projects/<int:project_id>/tasks/<int:task_id>")
    def task_detail(project_id, task_id):
        return jsonify(get_task(project_id, task_id))

    @app.delete("/projects/<int:project_id>/tasks/<int:task_id>")
    def task_delete(project_id, task_id):
        get_task(project_id, task_id)
        del tasks[task_id]
        return "", 204

    return app

"""Decorators (needs_project, accepts(mimetypes), conditional) + url_value_preprocessor and an after_request hook that
sets the ETag; random uuid4 tags renewed on each change; if_match.contains_raw; iterative merge_patch; PUT answers 204;
repeated DELETE of a task or project answers 204; 415 checked before If-Match for PATCH.

expect: full marks
"""
# %% your_app
import copy
import functools
import hashlib
import itertools
import json
import uuid

from flask import Flask, abort, g, jsonify, request, url_for
from werkzeug.exceptions import HTTPException

MERGE_PATCH = "application/merge-patch+json"
_REQUIRED = ("key", "name")
_OPTIONAL = {"settings": (dict, dict), "labels": (list, list)}


def project_from(data):
    """Return the stored members of a project document, or None when it is invalid.

    Valid: a JSON object with "key" and "name" (non-empty strings), and optional
    "settings" (an object, default {}) and "labels" (an array, default []).
    Any other member, "id" included, is left out of the result.
    """
    if not isinstance(data, dict):
        return None
    if not all(isinstance(data.get(m), str) and data[m] != "" for m in _REQUIRED):
        return None
    document = {m: data[m] for m in _REQUIRED}
    for member, (kind, default) in _OPTIONAL.items():
        if member not in data:
            document[member] = default()
        elif isinstance(data[member], kind):
            document[member] = json.loads(json.dumps(data[member]))
        else:
            return None
    return document


def merge_patch(target, patch):
    """Return the result of applying the JSON Merge Patch `patch` to `target` (RFC 7396).

    Neither argument is changed.
    """
    patch = json.loads(json.dumps(patch))
    if not isinstance(patch, dict):
        return patch
    result = json.loads(json.dumps(target)) if isinstance(target, dict) else {}
    # Walk the patch with an explicit stack of (object being built, patch object) pairs.
    stack = [(result, patch)]
    while stack:
        into, changes = stack.pop()
        for name, value in changes.items():
            if value is None:
                into.pop(name, None)
            elif isinstance(value, dict):
                if not isinstance(into.get(name), dict):
                    into[name] = {}
                stack.append((into[name], value))
            else:
                into[name] = value
    return result


def create_app(test_config=None):
    """Build the Lattice API: defaults PROJECTS=SEED_PROJECTS and TASKS=SEED_TASKS, then test_config."""
    app = Flask(__name__)
    app.config.update(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    app.config.update(test_config or {})

    projects = {p["id"]: copy.deepcopy(p) for p in app.config["PROJECTS"]}
    tasks = {t["id"]: copy.deepcopy(t) for t in app.config["TASKS"]}
    tags = {pid: uuid.uuid4().hex for pid in projects}
    project_ids = itertools.count(max(projects, default=0) + 1)
    task_ids = itertools.count(max(tasks, default=0) + 1)

    @app.errorhandler(HTTPException)
    def as_json(error):
        return {"error": error.name, "detail": error.description}, error.code

    @app.url_value_preprocessor
    def load(endpoint, values):
        if values and "project_id" in values:
            g.project = projects.get(values["project_id"])

    @app.after_request
    def send_etag(response):
        # Every successful answer about one project carries its current tag.
        project_id = (request.view_args or {}).get("project_id")
        if (request.endpoint == "project" and 200 <= response.status_code < 300
                and project_id in projects):
            response.set_etag(tags[project_id])
        return response

    def needs_project(view):
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if g.get("project") is None:
                abort(404)
            return view(*args, **kwargs)
        return wrapper

    def conditional(view):
        """428 without If-Match, 412 unless it strongly matches the project's tag (or is *)."""
        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            if request.headers.get("If-Match") is None:
                abort(428)
            if not request.if_match.contains_raw(f'"{tags[g.project["id"]]}"'):
                abort(412)
            return view(*args, **kwargs)
        return wrapper

    def accepts(*mimetypes):
        def decorator(view):
            @functools.wraps(view)
            def wrapper(*args, **kwargs):
                if request.mimetype not in mimetypes:
                    abort(415)
                return view(*args, **kwargs)
            return wrapper
        return decorator

    def parsed_body():
        try:
            return json.loads(request.get_data())
        except ValueError:
            abort(400)

    def write(project_id, document):
        if document is None:
            abort(400)
        if any(p["key"] == document["key"] for pid, p in projects.items() if pid != project_id):
            abort(409)
        new = {"id": project_id, **document}
        if projects.get(project_id) != new:
            projects[project_id] = new
            tags[project_id] = uuid.uuid4().hex
        return new

    @app.route("/projects", methods=["GET"])
    def projects_index():
        return jsonify(sorted(projects.values(), key=lambda p: p["id"]))

    @app.route("/projects", methods=["POST"])
    @accepts("application/json")
    def projects_create():
        document = project_from(parsed_body())
        if document is None:
            abort(400)
        if any(p["key"] == document["key"] for p in projects.values()):
            abort(409)
        project_id = next(project_ids)
        tags[project_id] = uuid.uuid4().hex
        project = write(project_id, document)
        return jsonify(project), 201, {"Location": f"/projects/{project_id}"}

    @app.route("/projects/<int:project_id>", methods=["GET", "PUT", "PATCH", "DELETE"], endpoint="project")
    def project(project_id):
        if request.method == "DELETE":
            return delete_project(project_id)
        return {"GET": read_project, "PUT": replace_project, "PATCH": patch_project}[request.method](project_id)

    @needs_project
    def read_project(project_id):
        return jsonify(g.project)

    @needs_project
    @conditional
    def replace_project(project_id):
        if not request.is_json:
            abort(415)
        write(project_id, project_from(parsed_body()))
        return "", 204

    @needs_project
    @accepts(MERGE_PATCH, "application/json")
    @conditional
    def patch_project(project_id):
        patch = parsed_body()
        if isinstance(patch, dict):
            patch = {k: v for k, v in patch.items() if k != "id"}
        current = {k: v for k, v in g.project.items() if k != "id"}
        return jsonify(write(project_id, project_from(merge_patch(current, patch))))

    def delete_project(project_id):
        if g.project is None:
            return "", 204  # already gone: DELETE is idempotent
        if any(t["project_id"] == project_id for t in tasks.values()):
            abort(409)
        del projects[project_id]
        del tags[project_id]
        return "", 204

    @app.route("/projects/<int:project_id>/tasks", methods=["GET"])
    @needs_project
    def tasks_index(project_id):
        return jsonify([t for _, t in sorted(tasks.items()) if t["project_id"] == project_id])

    @app.route("/projects/<int:project_id>/tasks", methods=["POST"])
    @needs_project
    @accepts("application/json")
    def tasks_create(project_id):
        data = parsed_body()
        if not isinstance(data, dict):
            abort(400)
        title, done = data.get("title"), data.get("done", False)
        if not (isinstance(title, str) and title) or not isinstance(done, bool):
            abort(400)
        task = {"id": next(task_ids), "project_id": project_id, "title": title, "done": done}
        tasks[task["id"]] = task
        return jsonify(task), 201, {"Location": f"/projects/{project_id}/tasks/{task['id']}"}

    @app.route("/projects/<int:project_id>/tasks/<int:task_id>", methods=["GET"])
    @needs_project
    def task_read(project_id, task_id):
        task = tasks.get(task_id)
        if task is None or task["project_id"] != project_id:
            abort(404)
        return jsonify(task)

    @app.route("/projects/<int:project_id>/tasks/<int:task_id>", methods=["DELETE"])
    @needs_project
    def task_delete(project_id, task_id):
        task = tasks.get(task_id)
        if task is not None and task["project_id"] != project_id:
            abort(404)  # the task of another project: not here
        tasks.pop(task_id, None)  # already gone: DELETE is idempotent
        return "", 204

    return app

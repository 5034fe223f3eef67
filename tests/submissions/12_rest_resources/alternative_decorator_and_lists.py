"""Projects and tasks kept in lists; a @conditional decorator loads the project and checks
If-Match (`tag in request.if_match`) before PUT and PATCH run; the ETag is a SHA-1 of the project's
repr, set as a raw header; errors are JSON from one HTTPException handler; PUT answers 200; the
merge patch recurses only into objects, with nested objects built from {}.

expect: full marks
"""
# %% your_app
import copy
import functools
import hashlib

from flask import Flask, abort, jsonify, request
from werkzeug.exceptions import HTTPException


def project_from(data):
    if not isinstance(data, dict):
        return None
    key = data.get("key")
    name = data.get("name")
    if not isinstance(key, str) or not isinstance(name, str) or not key or not name:
        return None
    settings = data["settings"] if "settings" in data else {}
    labels = data["labels"] if "labels" in data else []
    if not isinstance(settings, dict) or not isinstance(labels, list):
        return None
    return {"key": key, "name": name, "settings": copy.deepcopy(settings), "labels": list(labels)}


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for name in patch:
        if patch[name] is None:
            if name in out:
                del out[name]
        elif isinstance(patch[name], dict):
            out[name] = merge_patch(out.get(name, {}), patch[name])
        else:
            out[name] = copy.deepcopy(patch[name])
    return out


def tag_of(project):
    return '"' + hashlib.sha1(repr(sorted(project.items())).encode()).hexdigest() + '"'


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    if test_config is not None:
        app.config.update(test_config)
    projects = copy.deepcopy(list(app.config["PROJECTS"]))
    tasks = [dict(t) for t in app.config["TASKS"]]

    @app.errorhandler(HTTPException)
    def as_json(error):
        return jsonify(error=error.name, detail=error.description), error.code

    def project_or_404(project_id):
        for project in projects:
            if project["id"] == project_id:
                return project
        abort(404)

    def with_tag(project, status=200, location=None):
        response = jsonify(project)
        response.status_code = status
        response.headers["ETag"] = tag_of(project)
        if location:
            response.headers["Location"] = location
        return response

    def save(project_id, fields):
        if any(p["key"] == fields["key"] and p["id"] != project_id for p in projects):
            abort(409)
        new = {"id": project_id, **fields}
        for i, p in enumerate(projects):
            if p["id"] == project_id:
                projects[i] = new
                return new
        projects.append(new)
        projects.sort(key=lambda p: p["id"])
        return new

    def conditional(view):
        @functools.wraps(view)
        def wrapper(project_id):
            project = project_or_404(project_id)
            if not request.headers.get("If-Match"):
                abort(428)
            if tag_of(project).strip('"') not in request.if_match:
                abort(412)
            return view(project)
        return wrapper

    @app.route("/projects", methods=["GET", "POST"])
    def collection():
        if request.method == "GET":
            return jsonify(sorted(projects, key=lambda p: p["id"]))
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400)
        project = save(max((p["id"] for p in projects), default=0) + 1, fields)
        return with_tag(project, 201, location=f"/projects/{project['id']}")

    @app.get("/projects/<int:project_id>")
    def show(project_id):
        return with_tag(project_or_404(project_id))

    @app.put("/projects/<int:project_id>")
    @conditional
    def replace(project):
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400)
        return with_tag(save(project["id"], fields))

    @app.patch("/projects/<int:project_id>")
    @conditional
    def update(project):
        if request.mimetype not in ("application/merge-patch+json", "application/json"):
            abort(415)
        patch = request.get_json(silent=True)
        if patch is None:
            abort(400)
        if isinstance(patch, dict) and "id" in patch:
            patch = {k: v for k, v in patch.items() if k != "id"}
        document = {k: v for k, v in project.items() if k != "id"}
        fields = project_from(merge_patch(document, patch))
        if fields is None:
            abort(400)
        return with_tag(save(project["id"], fields))

    @app.delete("/projects/<int:project_id>")
    def remove(project_id):
        project = project_or_404(project_id)
        if any(t["project_id"] == project_id for t in tasks):
            abort(409)
        projects.remove(project)
        return "", 204

    def task_or_404(project_id, task_id):
        project_or_404(project_id)
        matches = [t for t in tasks if t["id"] == task_id and t["project_id"] == project_id]
        if not matches:
            abort(404)
        return matches[0]

    @app.route("/projects/<int:project_id>/tasks", methods=["GET", "POST"])
    def project_tasks(project_id):
        project_or_404(project_id)
        if request.method == "GET":
            return jsonify(sorted((t for t in tasks if t["project_id"] == project_id), key=lambda t: t["id"]))
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            abort(400)
        title, done = data.get("title"), data.get("done", False)
        if not isinstance(title, str) or not title.strip() or done not in (True, False) or not isinstance(done, bool):
            abort(400)
        task = {"id": max((t["id"] for t in tasks), default=0) + 1, "project_id": project_id,
                "title": title, "done": done}
        tasks.append(task)
        return jsonify(task), 201, {"Location": f"/projects/{project_id}/tasks/{task['id']}"}

    @app.route("/projects/<int:project_id>/tasks/<int:task_id>", methods=["GET", "DELETE"])
    def one_task(project_id, task_id):
        task = task_or_404(project_id, task_id)
        if request.method == "GET":
            return jsonify(task)
        tasks.remove(task)
        return "", 204

    return app

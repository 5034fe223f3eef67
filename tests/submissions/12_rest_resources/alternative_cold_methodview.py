"""A Blueprint of MethodView classes over a Store object (lists) kept in app.extensions; ETag from a per-project
version bumped only when the content changes; If-Match parsed by hand; request.get_json() (415 for non-JSON);
absolute Location URLs; If-Match (428/412) checked before the body.

expect: full marks
"""
# %% your_app
import copy
import hashlib
import json

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from flask.views import MethodView
from werkzeug.exceptions import HTTPException

MERGE_PATCH = "application/merge-patch+json"


def project_from(data):
    """Return the stored members of a project document, or None when it is invalid.

    Valid: a JSON object with "key" and "name" (non-empty strings), and optional
    "settings" (an object, default {}) and "labels" (an array, default []).
    Any other member, "id" included, is left out of the result.
    """
    if type(data) is not dict:
        return None
    result = {}
    for member in ("key", "name"):
        value = data.get(member)
        if type(value) is not str or value == "":
            return None
        result[member] = value
    for member, kind, default in (("settings", dict, {}), ("labels", list, [])):
        value = data.get(member, default)
        if type(value) is not kind:
            return None
        result[member] = copy.deepcopy(value)
    return result


def merge_patch(target, patch):
    """Return the result of applying the JSON Merge Patch `patch` to `target` (RFC 7396).

    Neither argument is changed.
    """
    if type(patch) is not dict:
        return copy.deepcopy(patch)
    if type(target) is not dict:
        target = {}
    merged = {name: copy.deepcopy(value) for name, value in target.items() if name not in patch}
    for name, value in patch.items():
        if value is not None:
            merged[name] = merge_patch(target.get(name), value)
    return merged


class Store:
    """The app's own data: lists of project and task records, and a version per project."""

    def __init__(self, projects, tasks):
        self.projects = sorted(copy.deepcopy(list(projects)), key=lambda p: p["id"])
        self.tasks = sorted(copy.deepcopy(list(tasks)), key=lambda t: t["id"])
        self.versions = {p["id"]: 1 for p in self.projects}
        self.last_project_id = max((p["id"] for p in self.projects), default=0)
        self.last_task_id = max((t["id"] for t in self.tasks), default=0)

    def project(self, project_id):
        for project in self.projects:
            if project["id"] == project_id:
                return project
        abort(404)

    def etag(self, project):
        seed = f"{project['id']}-{self.versions[project['id']]}"
        return "v" + hashlib.md5(seed.encode()).hexdigest()[:16]

    def key_owner(self, key):
        return next((p["id"] for p in self.projects if p["key"] == key), None)

    def add_project(self, document):
        self.last_project_id += 1
        project = {"id": self.last_project_id, **document}
        self.projects.append(project)
        self.versions[project["id"]] = 1
        return project

    def replace_project(self, project, document):
        new = {"id": project["id"], **document}
        if new != project:
            index = self.projects.index(project)
            self.projects[index] = new
            self.versions[project["id"]] += 1
        return new

    def remove_project(self, project):
        self.projects.remove(project)
        del self.versions[project["id"]]

    def tasks_of(self, project_id):
        return [t for t in self.tasks if t["project_id"] == project_id]

    def task(self, project_id, task_id):
        for task in self.tasks_of(project_id):
            if task["id"] == task_id:
                return task
        abort(404)

    def add_task(self, project_id, title, done):
        self.last_task_id += 1
        task = {"id": self.last_task_id, "project_id": project_id, "title": title, "done": done}
        self.tasks.append(task)
        return task


def store():
    return current_app.extensions["lattice"]


def json_body():
    """The request's JSON: 415 for a non-JSON Content-Type, 400 for a malformed body."""
    return request.get_json()


def if_match_tags():
    """Parse If-Match by hand: None for *, else the list of (weak, opaque-tag) pairs."""
    header = request.headers["If-Match"].strip()
    if header == "*":
        return None
    tags = []
    for part in header.split(","):
        part = part.strip()
        weak = part.startswith("W/")
        if weak:
            part = part[2:]
        if len(part) >= 2 and part[0] == part[-1] == '"':
            tags.append((weak, part[1:-1]))
    return tags


def require_match(project):
    if "If-Match" not in request.headers:
        abort(428)
    tags = if_match_tags()
    if tags is None:
        return
    current = store().etag(project)
    if not any(not weak and tag == current for weak, tag in tags):
        abort(412)


def project_response(project, status=200):
    response = jsonify(project)
    response.status_code = status
    response.set_etag(store().etag(project))
    return response


def save(project, document):
    owner = store().key_owner(document["key"])
    if owner is not None and owner != project["id"]:
        abort(409)
    return project_response(store().replace_project(project, document))


class ProjectCollection(MethodView):
    def get(self):
        return jsonify(store().projects)

    def post(self):
        document = project_from(json_body())
        if document is None:
            abort(400)
        if store().key_owner(document["key"]) is not None:
            abort(409)
        project = store().add_project(document)
        response = project_response(project, 201)
        response.headers["Location"] = url_for(".project", project_id=project["id"], _external=True)
        return response


class ProjectItem(MethodView):
    def get(self, project_id):
        return project_response(store().project(project_id))

    def put(self, project_id):
        project = store().project(project_id)
        require_match(project)
        document = project_from(json_body())
        if document is None:
            abort(400)
        return save(project, document)

    def patch(self, project_id):
        project = store().project(project_id)
        require_match(project)
        if request.mimetype not in {MERGE_PATCH, "application/json"}:
            abort(415)
        try:
            patch = json.loads(request.get_data(as_text=True))
        except ValueError:
            abort(400)
        if type(patch) is dict:
            patch.pop("id", None)
        target = {k: v for k, v in project.items() if k != "id"}
        document = project_from(merge_patch(target, patch))
        if document is None:
            abort(400)
        return save(project, document)

    def delete(self, project_id):
        project = store().project(project_id)
        if store().tasks_of(project_id):
            abort(409)
        store().remove_project(project)
        return "", 204


class TaskCollection(MethodView):
    def get(self, project_id):
        store().project(project_id)
        return jsonify(store().tasks_of(project_id))

    def post(self, project_id):
        store().project(project_id)
        data = json_body()
        if type(data) is not dict:
            abort(400)
        title = data.get("title")
        done = data.get("done", False)
        if type(title) is not str or not title or type(done) is not bool:
            abort(400)
        task = store().add_task(project_id, title, done)
        location = url_for(".task", project_id=project_id, task_id=task["id"], _external=True)
        return jsonify(task), 201, {"Location": location}


class TaskItem(MethodView):
    def get(self, project_id, task_id):
        return jsonify(store().task(project_id, task_id))

    def delete(self, project_id, task_id):
        store().tasks.remove(store().task(project_id, task_id))
        return "", 204


api = Blueprint("api", __name__)
api.add_url_rule("/projects", view_func=ProjectCollection.as_view("projects"))
api.add_url_rule("/projects/<int:project_id>", view_func=ProjectItem.as_view("project"))
api.add_url_rule("/projects/<int:project_id>/tasks", view_func=TaskCollection.as_view("tasks"))
api.add_url_rule("/projects/<int:project_id>/tasks/<int:task_id>", view_func=TaskItem.as_view("task"))


@api.app_errorhandler(HTTPException)
def http_error(error):
    return jsonify(error=error.description, status=error.code), error.code


def create_app(test_config=None):
    """Build the Lattice API: defaults PROJECTS=SEED_PROJECTS and TASKS=SEED_TASKS, then test_config."""
    app = Flask(__name__)
    app.config["PROJECTS"] = SEED_PROJECTS
    app.config["TASKS"] = SEED_TASKS
    if test_config:
        app.config.from_mapping(test_config)
    app.extensions["lattice"] = Store(app.config["PROJECTS"], app.config["TASKS"])
    app.register_blueprint(api)
    return app

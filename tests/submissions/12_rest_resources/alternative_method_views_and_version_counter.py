"""Class-based MethodViews registered with add_url_rule; each project carries a version number and
its ETag is "v<version>", raised by every write; PUT answers 204 with the new ETag; a second DELETE
answers 404; If-Match parsed with werkzeug.http.parse_etags; the merge patch written as a loop over
a stack of (target, patch) pairs.

expect: full marks
"""
# %% your_app
import copy
import json

from flask import Flask, abort, jsonify, make_response, request, url_for
from flask.views import MethodView
from werkzeug.http import parse_etags

MERGE_PATCH = "application/merge-patch+json"
ACCEPTED_PATCH_TYPES = {MERGE_PATCH, "application/json"}


def project_from(data):
    if type(data) is not dict:
        return None
    fields = {
        "key": data.get("key"),
        "name": data.get("name"),
        "settings": data.get("settings", {}),
        "labels": data.get("labels", []),
    }
    for required in ("key", "name"):
        if type(fields[required]) is not str or fields[required] == "":
            return None
    if type(fields["settings"]) is not dict or type(fields["labels"]) is not list:
        return None
    return fields


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    root = copy.deepcopy(target) if isinstance(target, dict) else {}
    pending = [(root, patch)]
    while pending:
        into, changes = pending.pop()
        for name, value in changes.items():
            if value is None:
                into.pop(name, None)
            elif isinstance(value, dict):
                if not isinstance(into.get(name), dict):
                    into[name] = {}
                pending.append((into[name], value))
            else:
                into[name] = copy.deepcopy(value)
    return root


class Store:
    def __init__(self, projects, tasks):
        self.projects = {p["id"]: copy.deepcopy(p) for p in projects}
        self.versions = {pid: 1 for pid in self.projects}
        self.tasks = [dict(t) for t in tasks]

    def project(self, project_id):
        if project_id not in self.projects:
            abort(404)
        return self.projects[project_id]

    def tag(self, project_id):
        return f"v{self.versions[project_id]}"

    def save(self, project_id, fields):
        for other in self.projects.values():
            if other["id"] != project_id and other["key"] == fields["key"]:
                abort(409)
        self.projects[project_id] = {"id": project_id, **copy.deepcopy(fields)}
        self.versions[project_id] = self.versions.get(project_id, 0) + 1
        return self.projects[project_id]

    def tasks_of(self, project_id):
        return sorted((t for t in self.tasks if t["project_id"] == project_id), key=lambda t: t["id"])


def with_tag(store, project_id, status=200, body=True):
    response = jsonify(store.projects[project_id]) if body else make_response("")
    response.status_code = status
    response.set_etag(store.tag(project_id))
    return response


def check_if_match(store, project_id):
    header = request.headers.get("If-Match")
    if header is None:
        abort(428)
    if not parse_etags(header).contains(store.tag(project_id)):
        abort(412)


class ProjectCollection(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self):
        return jsonify([self.store.projects[i] for i in sorted(self.store.projects)])

    def post(self):
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400)
        new_id = max(self.store.projects, default=0) + 1
        self.store.save(new_id, fields)
        response = with_tag(self.store, new_id, 201)
        response.headers["Location"] = url_for("project", project_id=new_id)
        return response


class ProjectItem(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self, project_id):
        self.store.project(project_id)
        return with_tag(self.store, project_id)

    def put(self, project_id):
        self.store.project(project_id)
        check_if_match(self.store, project_id)
        fields = project_from(request.get_json(silent=True))
        if fields is None:
            abort(400)
        self.store.save(project_id, fields)
        return with_tag(self.store, project_id, 204, body=False)

    def patch(self, project_id):
        project = self.store.project(project_id)
        check_if_match(self.store, project_id)
        if request.mimetype not in ACCEPTED_PATCH_TYPES:
            abort(415)
        try:
            changes = json.loads(request.get_data(as_text=True))
        except ValueError:
            abort(400)
        if isinstance(changes, dict):
            changes = {k: v for k, v in changes.items() if k != "id"}
        fields = project_from(merge_patch({k: v for k, v in project.items() if k != "id"}, changes))
        if fields is None:
            abort(400)
        self.store.save(project_id, fields)
        return with_tag(self.store, project_id)

    def delete(self, project_id):
        self.store.project(project_id)
        if self.store.tasks_of(project_id):
            abort(409)
        del self.store.projects[project_id]
        return "", 204


class TaskCollection(MethodView):
    def __init__(self, store):
        self.store = store

    def get(self, project_id):
        self.store.project(project_id)
        return jsonify(self.store.tasks_of(project_id))

    def post(self, project_id):
        self.store.project(project_id)
        data = request.get_json(silent=True)
        if type(data) is not dict or type(data.get("title")) is not str or not data["title"]:
            abort(400)
        if type(data.get("done", False)) is not bool:
            abort(400)
        task = {"id": max((t["id"] for t in self.store.tasks), default=0) + 1, "project_id": project_id,
                "title": data["title"], "done": data.get("done", False)}
        self.store.tasks.append(task)
        return jsonify(task), 201, {"Location": url_for("task", project_id=project_id, task_id=task["id"])}


class TaskItem(MethodView):
    def __init__(self, store):
        self.store = store

    def find(self, project_id, task_id):
        for task in self.store.tasks_of(project_id):
            if task["id"] == task_id:
                return task
        abort(404)

    def get(self, project_id, task_id):
        self.store.project(project_id)
        return jsonify(self.find(project_id, task_id))

    def delete(self, project_id, task_id):
        self.store.project(project_id)
        self.store.tasks.remove(self.find(project_id, task_id))
        return "", 204


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    if test_config is not None:
        app.config.update(test_config)
    store = Store(app.config["PROJECTS"], app.config["TASKS"])
    app.add_url_rule("/projects", view_func=ProjectCollection.as_view("projects", store))
    app.add_url_rule("/projects/<int:project_id>", view_func=ProjectItem.as_view("project", store))
    app.add_url_rule("/projects/<int:project_id>/tasks", view_func=TaskCollection.as_view("tasks", store))
    app.add_url_rule("/projects/<int:project_id>/tasks/<int:task_id>", view_func=TaskItem.as_view("task", store))
    return app

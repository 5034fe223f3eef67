"""A Blueprint at /projects whose store lives in app.extensions; pydantic models validate projects
and tasks; every write gets a random uuid4 ETag; If-Match is checked in the blueprint's
before_request, and an If-Match on a project that does not exist answers 412 (RFC 9110's
reading); absolute Location URLs; a second DELETE answers 204; the merge patch builds a new dict.

expect: full marks
"""
# %% your_app
import copy
import uuid
from typing import Any

from flask import Blueprint, Flask, abort, current_app, jsonify, request, url_for
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr, ValidationError
from werkzeug.http import parse_options_header


class ProjectDocument(BaseModel):
    model_config = ConfigDict(extra="ignore")
    key: StrictStr = Field(min_length=1)
    name: StrictStr = Field(min_length=1)
    settings: dict[str, Any] = Field(default_factory=dict)
    labels: list[Any] = Field(default_factory=list)


class NewTask(BaseModel):
    model_config = ConfigDict(extra="ignore")
    title: StrictStr = Field(min_length=1)
    done: StrictBool = False


# Resolve the annotations now, from this cell's names (a no-op when they already are).
ProjectDocument.model_rebuild()
NewTask.model_rebuild()


def project_from(data):
    try:
        return ProjectDocument.model_validate(data).model_dump()
    except ValidationError:
        return None


def merge_patch(target, patch):
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    base = target if isinstance(target, dict) else {}
    merged = {name: copy.deepcopy(value) for name, value in base.items() if name not in patch}
    for name, value in patch.items():
        if value is not None:
            merged[name] = merge_patch(base.get(name), value)
    return merged


api = Blueprint("lattice", __name__, url_prefix="/projects")


def db():
    return current_app.extensions["lattice"]


def etagged(project, status=200, **headers):
    response = jsonify(project)
    response.status_code = status
    response.set_etag(db()["tags"][project["id"]])
    response.headers.update(headers)
    return response


def write(project_id, fields):
    projects = db()["projects"]
    if any(p["key"] == fields["key"] for pid, p in projects.items() if pid != project_id):
        abort(409)
    projects[project_id] = {"id": project_id, **copy.deepcopy(fields)}
    db()["tags"][project_id] = uuid.uuid4().hex
    return projects[project_id]


@api.before_request
def preconditions():
    if request.endpoint != "lattice.project" or request.method not in ("PUT", "PATCH"):
        return None
    if "If-Match" not in request.headers:
        abort(428)
    tag = db()["tags"].get(request.view_args["project_id"])
    if tag is None or not request.if_match.contains(tag):
        abort(412)
    return None


@api.get("")
def projects():
    return jsonify(sorted(db()["projects"].values(), key=lambda p: p["id"]))


@api.post("")
def create_project():
    fields = project_from(request.get_json(silent=True))
    if fields is None:
        abort(400)
    project = write(max(db()["projects"], default=0) + 1, fields)
    return etagged(project, 201, Location=url_for("lattice.project", project_id=project["id"], _external=True))


@api.route("/<int:project_id>", methods=["GET", "PUT", "PATCH", "DELETE"])
def project(project_id):
    found = db()["projects"].get(project_id)
    if found is None:
        if request.method == "DELETE":
            return "", 204
        abort(404)
    if request.method == "GET":
        return etagged(found)
    if request.method == "DELETE":
        if any(t["project_id"] == project_id for t in db()["tasks"].values()):
            abort(409)
        del db()["projects"][project_id]
        return "", 204
    if request.method == "PUT":
        fields = project_from(request.get_json(silent=True))
    else:
        media_type, _params = parse_options_header(request.headers.get("Content-Type", ""))
        if media_type.lower() not in ("application/merge-patch+json", "application/json"):
            abort(415)
        changes = request.get_json(silent=True)
        if changes is None:
            abort(400)
        if isinstance(changes, dict):
            changes.pop("id", None)
        current = {k: v for k, v in found.items() if k != "id"}
        fields = project_from(merge_patch(current, changes))
    if fields is None:
        abort(400)
    return etagged(write(project_id, fields))


def tasks_of(project_id):
    if project_id not in db()["projects"]:
        abort(404)
    return [t for _, t in sorted(db()["tasks"].items()) if t["project_id"] == project_id]


@api.route("/<int:project_id>/tasks", methods=["GET", "POST"])
def tasks(project_id):
    existing = tasks_of(project_id)
    if request.method == "GET":
        return jsonify(existing)
    try:
        new = NewTask.model_validate(request.get_json(silent=True))
    except ValidationError:
        abort(400)
    task_id = max(db()["tasks"], default=0) + 1
    task = {"id": task_id, "project_id": project_id, **new.model_dump()}
    db()["tasks"][task_id] = task
    return jsonify(task), 201, {"Location": url_for("lattice.task", project_id=project_id, task_id=task_id,
                                                    _external=True)}


@api.route("/<int:project_id>/tasks/<int:task_id>", methods=["GET", "DELETE"])
def task(project_id, task_id):
    tasks_of(project_id)
    found = db()["tasks"].get(task_id)
    if found is None and request.method == "DELETE":
        return "", 204
    if found is None or found["project_id"] != project_id:
        abort(404)
    if request.method == "DELETE":
        del db()["tasks"][task_id]
        return "", 204
    return jsonify(found)


def create_app(test_config=None):
    app = Flask(__name__)
    app.config.from_mapping(PROJECTS=SEED_PROJECTS, TASKS=SEED_TASKS)
    if test_config is not None:
        app.config.update(test_config)
    projects = copy.deepcopy({p["id"]: p for p in app.config["PROJECTS"]})
    app.extensions["lattice"] = {
        "projects": projects,
        "tags": {pid: uuid.uuid4().hex for pid in projects},
        "tasks": copy.deepcopy({t["id"]: t for t in app.config["TASKS"]}),
    }
    app.register_blueprint(api)
    return app

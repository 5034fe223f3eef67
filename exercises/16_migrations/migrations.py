# %% [markdown] nbgrader={"grade_id": "intro", "locked": true}
# # Migrations with Alembic: a backfilled column and a zero-downtime rename at Larder
#
# Larder delivers groceries. Its customers service is a Flask app on a SQL
# database whose schema is changed only by **Alembic revisions** (through
# Flask-Migrate), and it is deployed as a **rolling deploy**: for a few
# minutes, instances of the old release and of the new one run side by side
# on the same database. Today the table looks like this (revision `0001`):
#
# | column | type | |
# | --- | --- | --- |
# | `id` | integer | primary key |
# | `name` | varchar(100) | not null |
# | `email` | varchar(200) | not null |
#
# You write the next three revisions and the release that runs between two of them:
#
# | task | what you write | points |
# | --- | --- | --- |
# | 1 | revision `0002`: a new **not null** column `email_lower`, backfilled, with an index, and its downgrade | 4 |
# | 2 | revision `0003`: the **expand** step of renaming `name` to `full_name`, safe for the running release | 3 |
# | 3 | release 2 of the app, which runs while release 1 instances still do | 3 |
# | 4 | revision `0004`: the **contract** step that finishes the rename | 3 |
# | 5 | a written question for your interviewer | 3 |
#
# **How this notebook works.** A revision is two functions in a cell of
# yours: `upgrade_0002()` and `downgrade_0002()` are the `upgrade()` and
# `downgrade()` of revision `0002`, and so on. Write them exactly as in an
# Alembic revision file, with `alembic.op` and `sqlalchemy`. The given cell
# below writes a real Alembic migrations folder (in a scratch folder, removed
# when the kernel stops) whose revision files call your functions, and runs
# Alembic's `upgrade` and `downgrade` commands on it, in the app context of a
# Flask-Migrate app (the `env.py` of `flask db init`), on a real **SQLite file**:
#
# ```python
# db = Database("0001")      # a new SQLite file at revision 0001, holding SEED_CUSTOMERS
# db.upgrade("0002")         # runs your upgrade_0002() through Alembic
# db.rows()                  # [{"id": 1, "name": ..., "email": ..., "email_lower": ...}, ...]
# db.schema()                # tables, columns (type and length, nullable) and indexes, read with sqlalchemy.inspect
# db.downgrade("0001")       # runs your downgrade_0002()
# ```
#
# Every test starts from its own new database file built **at** a revision
# (with `SCHEMA`, the schema each revision must leave, written out below), so
# each revision is tested on its own: the tests of revision `0003` do not run
# your `0002`. In production Larder runs PostgreSQL; SQLite keeps this
# notebook self-contained, and it is stricter in one way that matters:
# SQLite cannot `ALTER` a column in place (make it `NOT NULL`, drop it when
# indexed). Alembic's **batch mode**, the context manager `op.batch_alter_table(...)`
# (yielding a `batch` with `alter_column`, `drop_column`, ...), does it by copying the table; you may use it, or any other way
# that leaves the right schema and keeps every row.
#
# You use Flask, Flask-SQLAlchemy (SQLAlchemy 2.0), Flask-Migrate and Alembic.
# You may read their documentation while you work.
#
# Run the first code cell (it shows your progress and, in an interview, a
# timer). Each task is followed by its visible tests and a **Check** button
# that runs them against your current code; **Hint** reveals up to three
# hints, one at a time. More tests of each task run when your notebook is
# graded. Re-run your cell after every change, then press Check. Without
# widgets, `check("task1")` and `hint("task1")` do the same.

# %% nbgrader={"grade_id": "kit", "locked": true}
# The migrations kit, given. Do not edit this cell.
import os
import sqlite3
import sys
import tempfile
import types

import flask_migrate
import sqlalchemy as sa
from alembic import command, op
from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy

from autograder._guard import guarded
from autograder.scratch import scratch_folder

SEED_CUSTOMERS = [
    {"id": 1, "name": "Ada Lovelace", "email": "Ada@Analytical.example"},
    {"id": 2, "name": "Grace Hopper", "email": "grace@navy.example"},
    {"id": 3, "name": "Alan Turing", "email": "ALAN.TURING@Bletchley.example"},
]

# The revisions, oldest first: (revision, down_revision).
CHAIN = [("0001", None), ("0002", "0001"), ("0003", "0002"), ("0004", "0003")]

# The schema each revision leaves, as SQLite DDL. The tests build a database *at* a
# revision with it, and compare your result with a database built this way.
SCHEMA = {
    "0001": [
        "CREATE TABLE customers (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, "
        "email VARCHAR(200) NOT NULL, PRIMARY KEY (id))",
    ],
    "0002": [
        "CREATE TABLE customers (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, "
        "email VARCHAR(200) NOT NULL, email_lower VARCHAR(200) NOT NULL, PRIMARY KEY (id))",
        "CREATE INDEX ix_customers_email_lower ON customers (email_lower)",
    ],
    "0003": [
        "CREATE TABLE customers (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, "
        "email VARCHAR(200) NOT NULL, email_lower VARCHAR(200) NOT NULL, full_name VARCHAR(100), "
        "PRIMARY KEY (id))",
        "CREATE INDEX ix_customers_email_lower ON customers (email_lower)",
    ],
    "0004": [
        "CREATE TABLE customers (id INTEGER NOT NULL, email VARCHAR(200) NOT NULL, "
        "email_lower VARCHAR(200) NOT NULL, full_name VARCHAR(100) NOT NULL, PRIMARY KEY (id))",
        "CREATE INDEX ix_customers_email_lower ON customers (email_lower)",
    ],
}


def upgrade_0001():
    """Revision 0001, already in production: the customers table."""
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
    )


def downgrade_0001():
    op.drop_table("customers")


_ENV_PY = '''
from alembic import context
from flask import current_app

with current_app.extensions["migrate"].db.engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
'''

_REVISION_PY = '''
import _larder_revisions

revision = {rev!r}
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    _larder_revisions.run("upgrade_{rev}")


def downgrade():
    _larder_revisions.run("downgrade_{rev}")
'''


def _run_notebook_function(name):
    function = globals().get(name)
    if not callable(function):
        raise NameError(f"{name}() is not defined: write it in its cell and run the cell")
    function()


def _no_fsync(dbapi_connection, connection_record):
    # The database files of this notebook are throwaway: skip SQLite's fsync so the tests run fast.
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")


_previous = sys.modules.get("_larder_revisions")
if _previous is not None and sa.event.contains(sa.engine.Engine, "connect", _previous.no_fsync):
    sa.event.remove(sa.engine.Engine, "connect", _previous.no_fsync)
sa.event.listen(sa.engine.Engine, "connect", _no_fsync)
sys.modules["_larder_revisions"] = types.SimpleNamespace(run=_run_notebook_function, no_fsync=_no_fsync)


def _complete(row, revision):
    """A seed row as it looks at `revision`: email_lower from 0002 on, full_name from 0003 on."""
    row = dict(row)
    if revision >= "0002":
        row.setdefault("email_lower", row["email"].lower())
    if revision >= "0003":
        row.setdefault("full_name", row.get("name"))
    if revision >= "0004":
        row.pop("name", None)
    return row


def _type_family(column_type):
    """integer, varchar(N) for a string with a declared length, text for one without (TEXT, VARCHAR)."""
    if isinstance(column_type, sa.Integer):
        return "integer"
    if isinstance(column_type, sa.String):
        return f"varchar({column_type.length})" if column_type.length else "text"
    return str(column_type)


class Database:
    """A new SQLite file, in a folder of its own (removed when the kernel stops), built at `revision` and holding `rows`.

    Rows are dicts of the columns of revision 0001; the columns added later are
    filled as a deploy would have filled them (email_lower, then full_name).
    """

    def __init__(self, revision="0001", rows=SEED_CUSTOMERS):
        self.folder = str(scratch_folder("larder-"))
        self.url = "sqlite:///" + os.path.join(self.folder, "larder.db")
        self.migrations = os.path.join(self.folder, "migrations")
        os.makedirs(os.path.join(self.migrations, "versions"))
        with open(os.path.join(self.migrations, "env.py"), "w") as f:
            f.write(_ENV_PY)
        for rev, down in CHAIN:
            with open(os.path.join(self.migrations, "versions", f"{rev}.py"), "w") as f:
                f.write(_REVISION_PY.format(rev=rev, down=down))
        engine = sa.create_engine(self.url)
        with engine.begin() as connection:
            for ddl in SCHEMA[revision]:
                connection.exec_driver_sql(ddl)
            connection.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
            connection.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (revision,))
        engine.dispose()
        for row in rows:
            self.insert(_complete(row, revision))

    def config(self):
        """The test_config of an app on this database."""
        return {"SQLALCHEMY_DATABASE_URI": self.url}

    def _alembic(self, action, target):
        app = Flask("larder_migrations")
        app.config["SQLALCHEMY_DATABASE_URI"] = self.url
        db = SQLAlchemy(app)
        migrate = flask_migrate.Migrate(app, db, directory=self.migrations)
        with app.app_context():
            try:
                with guarded(f"alembic {action} to revision {target}"):
                    getattr(command, action)(migrate.get_config(self.migrations), target)
            finally:
                db.engine.dispose()

    def upgrade(self, target):
        """Run the upgrades from the current revision to `target`, through Flask-Migrate."""
        self._alembic("upgrade", target)

    def downgrade(self, target):
        """Run the downgrades from the current revision to `target`, through Flask-Migrate."""
        self._alembic("downgrade", target)

    def execute(self, sql, params=None):
        """Run one SQL statement in its own transaction; the rows it returns, as dicts."""
        engine = sa.create_engine(self.url)
        try:
            with engine.begin() as connection:
                result = connection.execute(sa.text(sql), params or {})
                return [dict(r._mapping) for r in result] if result.returns_rows else []
        finally:
            engine.dispose()

    def insert(self, row):
        """Insert one row into customers, exactly the columns given."""
        columns = ", ".join(row)
        values = ", ".join(f":{c}" for c in row)
        self.execute(f"INSERT INTO customers ({columns}) VALUES ({values})", row)

    def rows(self):
        """Every customer, by id, with every column the table has now."""
        return self.execute("SELECT * FROM customers ORDER BY id")

    def revision(self):
        """The revision Alembic has recorded."""
        found = self.execute("SELECT version_num FROM alembic_version")
        return found[0]["version_num"] if found else None

    def schema(self):
        """Tables, columns (type with its length, nullable, primary key) and indexes, read with sqlalchemy.inspect."""
        engine = sa.create_engine(self.url)
        try:
            inspector = sa.inspect(engine)
            tables = sorted(t for t in inspector.get_table_names() if t != "alembic_version")
            shape = {"tables": tables}
            if "customers" in tables:
                shape["columns"] = {
                    c["name"]: {"type": _type_family(c["type"]), "nullable": bool(c["nullable"]),
                                "primary_key": bool(c.get("primary_key"))}
                    for c in inspector.get_columns("customers")
                }
                shape["indexes"] = {
                    i["name"]: {"columns": list(i["column_names"]), "unique": bool(i["unique"])}
                    for i in inspector.get_indexes("customers")
                }
            return shape
        finally:
            engine.dispose()


def schema_of(revision):
    """The schema a database at `revision` has (built from SCHEMA in a new file)."""
    return Database(revision, rows=[]).schema()


def schema_differences(db, revision):
    """What differs between db's schema and the schema of `revision`, in words (empty when none)."""
    want, got = schema_of(revision), db.schema()
    problems = []
    if got["tables"] != want["tables"]:
        problems.append(f"tables {got['tables']}, expected {want['tables']}")
    if "columns" not in got:
        return problems
    # The primary key's own nullability is reported differently by different DDL; compare the rest.
    for name in sorted(set(want["columns"]) | set(got.get("columns", {}))):
        w, g = want["columns"].get(name), got.get("columns", {}).get(name)
        if g is None:
            problems.append(f"column {name} is missing")
        elif w is None:
            problems.append(f"column {name} should not exist")
        else:
            for key in ("type", "nullable", "primary_key"):
                if key == "nullable" and w["primary_key"]:
                    continue
                if w[key] != g[key]:
                    problems.append(f"column {name}: {key} is {g[key]}, expected {w[key]}")
    for name in sorted(set(want["indexes"]) | set(got.get("indexes", {}))):
        w, g = want["indexes"].get(name), got.get("indexes", {}).get(name)
        if g is None:
            problems.append(f"index {name} on {w['columns']} is missing")
        elif w is None:
            problems.append(f"index {name} on {g['columns']} should not exist")
        elif w != g:
            problems.append(f"index {name} is {g}, expected {w}")
    return problems


def create_release_1_app(test_config=None):
    """Release 1 of the customers service, in production today, written for the schema of 0002.

    It knows nothing of full_name: it reads and writes name only.
    """
    app = Flask("larder_release_1")
    app.config.update(test_config or {})
    db = SQLAlchemy(app)

    def show(customer_id):
        found = db.session.execute(
            sa.text("SELECT id, name, email FROM customers WHERE id = :id"), {"id": customer_id}
        ).mappings().first()
        if found is None:
            abort(404)
        return dict(found)

    @app.post("/customers")
    def create_customer():
        body = request.get_json()
        result = db.session.execute(
            sa.text("INSERT INTO customers (name, email, email_lower) VALUES (:name, :email, :lower)"),
            {"name": body["name"], "email": body["email"], "lower": body["email"].lower()},
        )
        db.session.commit()
        return jsonify(show(result.lastrowid)), 201

    @app.get("/customers/<int:customer_id>")
    def get_customer(customer_id):
        return jsonify(show(customer_id))

    @app.patch("/customers/<int:customer_id>")
    def rename_customer(customer_id):
        show(customer_id)
        db.session.execute(
            sa.text("UPDATE customers SET name = :name WHERE id = :id"),
            {"name": request.get_json()["name"], "id": customer_id},
        )
        db.session.commit()
        return jsonify(show(customer_id))

    @app.teardown_appcontext
    def close(error):
        db.session.remove()

    return app

# %% [markdown] nbgrader={"grade_id": "task1", "locked": true}
# ## Task 1: revision `0002`, a not null column with a backfill and an index (4 points)
#
# Customers sign in with their e-mail in any case (`ada@analytical.example`
# for `Ada@Analytical.example`). Add the column that makes that lookup fast.
# In the cell below, `upgrade_0002()` must leave the schema `SCHEMA["0002"]`
# describes, on a table that **already holds customers**:
#
# - a column `email_lower`, `VARCHAR(200)` (`sa.String(200)`; the tests compare
#   types with their lengths, so `sa.Text()` or `sa.String()` is wrong), **not null**;
# - every existing row gets its `email` in lower case there (the addresses are
#   ASCII; SQL's `lower()` and Python's `str.lower()` give the same result);
# - an index named **`ix_customers_email_lower`** on `email_lower`. It is
#   **not unique**: old sign-ups hold a few addresses that differ only in case;
# - nothing else changes: no row is lost or altered, no other column, table or index appears.
#
# A server default used along the way may stay or go; either is accepted.
#
# `downgrade_0002()` must restore the schema of `0001` exactly (no
# `email_lower`, no index) and keep every row, those inserted after the
# upgrade included, with its `id`, `name` and `email`. Then upgrading again must work.
#
# SQLite refuses `ADD COLUMN ... NOT NULL` without a default, and cannot make
# an existing column `NOT NULL`: see `op.batch_alter_table` in the introduction.

# %% nbgrader={"grade_id": "revision_0002", "solution": true}
import sqlalchemy as sa
from alembic import op


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    ### BEGIN SOLUTION
    # Nullable first, so the existing rows can be filled; then NOT NULL (a table copy on SQLite).
    op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=True))
    op.execute("UPDATE customers SET email_lower = lower(email)")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("email_lower", existing_type=sa.String(200), nullable=False)
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)
    ### END SOLUTION


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    ### BEGIN SOLUTION
    op.drop_index("ix_customers_email_lower", table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("email_lower")
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "task1_visible", "points": 1}
_db = Database("0001")
_db.upgrade("0002")
_rows = _db.rows()
assert [(_r["id"], _r.get("email_lower")) for _r in _rows] == [(1, "ada@analytical.example"), (2, "grace@navy.example"), (3, "alan.turing@bletchley.example")], (
    f"after upgrading the three seed customers to 0002, each email_lower should be its email in lower case; the rows are {_rows}"
)
assert ["email_lower"] in [_i["columns"] for _i in _db.schema()["indexes"].values()], (
    f"after the upgrade to 0002, customers should have an index on email_lower; its indexes are {_db.schema()['indexes']}"
)
_db.downgrade("0001")
assert _db.rows() == SEED_CUSTOMERS, (
    f"after downgrading to 0001, the table should hold the three seed customers as they were; it holds {_db.rows()}"
)
_db.upgrade("0002")
assert [_r.get("email_lower") for _r in _db.rows()] == ["ada@analytical.example", "grace@navy.example", "alan.turing@bletchley.example"], (
    f"upgrading to 0002 again after the downgrade should backfill email_lower again; the rows are {_db.rows()}"
)

# %% nbgrader={"grade": true, "grade_id": "task1_hidden", "points": 1}
# More tests of task 1 run here when your notebook is graded.
### BEGIN HIDDEN TESTS
people = [dict(id=7, name="Zoë Ödegaard", email="Zoe@Example.COM"), dict(id=8, name="Zed", email="zoe@example.com"),
          dict(id=42, name="O'Brien; DROP", email="X.Y+tag@Mail.Example")]
hidden_db = Database("0001", rows=people)
hidden_db.upgrade("0002")
found = hidden_db.rows()
wanted = [dict(p, email_lower=p["email"].lower()) for p in people]
assert found == wanted, (
    "upgrading customers whose addresses differ only in case (the index is not unique) should keep every row "
    f"and fill email_lower; expected {wanted}, got {found}"
)
problems = schema_differences(hidden_db, "0002")
assert not problems, "after the upgrade to 0002 the schema should be SCHEMA['0002']: " + "; ".join(problems)
assert hidden_db.revision() == "0002", f"Alembic should record revision 0002, it records {hidden_db.revision()}"
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task1_hidden_2", "points": 2}
# More tests of task 1 run here when your notebook is graded.
### BEGIN HIDDEN TESTS
later = dict(id=9, name="Katherine Johnson", email="KJ@Nasa.example")
down_db = Database("0002", rows=SEED_CUSTOMERS + [later])
down_db.downgrade("0001")
problems = schema_differences(down_db, "0001")
assert not problems, (
    "downgrading a database at 0002 to 0001 should restore the schema of 0001 exactly: " + "; ".join(problems)
)
assert down_db.rows() == SEED_CUSTOMERS + [later], (
    "downgrading to 0001 should keep every customer, those added after the upgrade included; "
    f"expected {SEED_CUSTOMERS + [later]}, got {down_db.rows()}"
)
down_db.insert(dict(id=10, name="Dorothy Vaughan", email="DV@Nasa.example"))
down_db.upgrade("0002")
assert [r["id"] for r in down_db.rows()] == [1, 2, 3, 9, 10], (
    f"upgrading to 0002 again after the downgrade should work and keep every row; got {down_db.rows()}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task2", "locked": true}
# ## Task 2: revision `0003`, the expand step of a rename (3 points)
#
# The team wants `customers.name` renamed to `full_name`. A rename in one
# step breaks the deploy: while the new release rolls out, instances of
# release 1 (given above as `create_release_1_app`) keep running, and they
# read and write `name` and know nothing of `full_name`. So the rename takes
# two revisions (expand, then contract) around a release that writes both.
#
# `upgrade_0003()` is the **expand** step. It leaves the schema of
# `SCHEMA["0003"]`:
#
# - a new column `full_name`, `VARCHAR(100)` (`sa.String(100)`), filled for
#   every existing row with that row's `name`;
# - `name` stays, untouched, and release 1 keeps working against the new
#   schema: it can create a customer (its `INSERT` names only `name`, `email`
#   and `email_lower`), rename one and read one;
# - the index of `0002` stays.
#
# `downgrade_0003()` restores the schema of `0002` exactly (the index
# included) and keeps every row with its `id`, `name`, `email` and
# `email_lower` unchanged, whatever `full_name` holds: `name` is the current
# name, and release 1 leaves `full_name` empty on the customers it creates
# and stale on those it renames.

# %% nbgrader={"grade_id": "revision_0003", "solution": true}
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    ### BEGIN SOLUTION
    # Nullable, without a default: release 1 inserts rows without it, and
    # release 2 reads name until the contract step (task 4) makes full_name the truth.
    op.add_column("customers", sa.Column("full_name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET full_name = name")
    ### END SOLUTION


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    ### BEGIN SOLUTION
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("full_name")
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "task2_visible", "points": 1}
_db = Database("0002")
_db.upgrade("0003")
assert [(_r["id"], _r.get("full_name"), _r.get("name")) for _r in _db.rows()] == [(1, "Ada Lovelace", "Ada Lovelace"), (2, "Grace Hopper", "Grace Hopper"), (3, "Alan Turing", "Alan Turing")], (
    f"after upgrading the seed customers to 0003, each should have full_name equal to its name, name kept; the rows are {_db.rows()}"
)
_db.downgrade("0002")
assert "full_name" not in _db.schema()["columns"], (
    f"after downgrading to 0002, customers should have no full_name column; its columns are {sorted(_db.schema()['columns'])}"
)
_db.upgrade("0003")
assert [_r.get("full_name") for _r in _db.rows()] == ["Ada Lovelace", "Grace Hopper", "Alan Turing"], (
    f"upgrading to 0003 again after the downgrade should fill full_name again; the rows are {_db.rows()}"
)

# %% nbgrader={"grade": true, "grade_id": "task2_hidden", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
expand_db = Database("0002")
expand_db.upgrade("0003")
old = check_app(create_release_1_app, expand_db.config())
old.post("/customers", json={"name": "Katherine Johnson", "email": "KJ@Nasa.example"}).expect(
    201, json={"id": 4, "name": "Katherine Johnson", "email": "KJ@Nasa.example"},
    why="release 1 must still create customers after the upgrade to 0003 (its INSERT has no full_name)")
old.patch("/customers/2", json={"name": "Grace B. Hopper"}).expect(
    200, json={"id": 2, "name": "Grace B. Hopper", "email": "grace@navy.example"},
    why="release 1 must still rename customers after the upgrade to 0003")
old.get("/customers/1").expect(
    200, json={"id": 1, "name": "Ada Lovelace", "email": "Ada@Analytical.example"},
    why="release 1 must still read customers after the upgrade to 0003")
problems = schema_differences(expand_db, "0003")
assert not problems, "after the upgrade to 0003 the schema should be SCHEMA['0003']: " + "; ".join(problems)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task2_hidden_2", "points": 1}
# More tests of task 2 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
mixed = SEED_CUSTOMERS + [dict(id=5, name="Written By Release One", email="r1@larder.example", full_name=None)]
contract_back = Database("0003", rows=mixed)
check_app(create_release_1_app, contract_back.config()).patch("/customers/3", json={"name": "Alan Mathison Turing"}).expect(
    200, why="release 1 renames customer 3 at 0003 (it writes name only)")
contract_back.downgrade("0002")
problems = schema_differences(contract_back, "0002")
assert not problems, (
    "downgrading a database at 0003 to 0002 should restore the schema of 0002 exactly: " + "; ".join(problems)
)
expected = [_complete(dict(r, full_name=None), "0002") for r in mixed]
for r in expected:
    r.pop("full_name")
expected[2]["name"] = "Alan Mathison Turing"
assert contract_back.rows() == expected, (
    "downgrading to 0002 should keep every customer as name holds it: customer 5 was written by release 1 with "
    "no full_name, and release 1 renamed customer 3 after 0003 (full_name still holds the old name); "
    f"expected {expected}, got {contract_back.rows()}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task3", "locked": true}
# ## Task 3: release 2, side by side with release 1 (3 points)
#
# Release 2 is deployed after revision `0003`. During the rolling deploy,
# release 1 instances keep serving requests on the same database: they
# create and rename customers through `name` only. Write release 2's
# `create_app(test_config=None)` with Flask-SQLAlchemy:
#
# - it applies `test_config` over its defaults; the tests always give
#   `SQLALCHEMY_DATABASE_URI` (a database at `0003`, built with `SCHEMA`);
# - the API is release 1's: `POST /customers` with a JSON body
#   `{"name", "email"}` answers `201` with `{"id", "name", "email"}`;
#   `GET /customers/<id>` answers `200` with that object;
#   `PATCH /customers/<id>` with `{"name"}` renames and answers `200` with the object;
#   both answer `404` for an id that no customer has;
# - it **writes both columns**: a customer created or renamed by release 2 has
#   the same value in `name` and `full_name` (and `email_lower` as in task 1);
# - whichever release wrote last, **both releases answer the same name**
#   for a customer, at every moment of the deploy.
#
# The tests run your app and release 1 on one database, in turns.

# %% nbgrader={"grade_id": "release_2", "solution": true}
from flask import Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()


class Customer(db.Model):
    """The customers table as revision 0003 leaves it (SCHEMA["0003"]). Use it, or SQL, as you like."""

    __tablename__ = "customers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    full_name = db.Column(db.String(100))
    email = db.Column(db.String(200), nullable=False)
    email_lower = db.Column(db.String(200), nullable=False)


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    ### BEGIN SOLUTION
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite://")  # the tests always give their own
    if test_config is not None:
        app.config.update(test_config)
    db.init_app(app)

    def shown(customer):
        # name is the truth while release 1 runs: it may have renamed this
        # customer without touching full_name.
        return {"id": customer.id, "name": customer.name, "email": customer.email}

    @app.post("/customers")
    def create_customer():
        body = request.get_json()
        customer = Customer(name=body["name"], full_name=body["name"], email=body["email"],
                            email_lower=body["email"].lower())
        db.session.add(customer)
        db.session.commit()
        return jsonify(shown(customer)), 201

    @app.get("/customers/<int:customer_id>")
    def get_customer(customer_id):
        return jsonify(shown(db.get_or_404(Customer, customer_id)))

    @app.patch("/customers/<int:customer_id>")
    def rename_customer(customer_id):
        customer = db.get_or_404(Customer, customer_id)
        customer.name = customer.full_name = request.get_json()["name"]
        db.session.commit()
        return jsonify(shown(customer))

    return app
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "task3_visible", "points": 1}
from autograder import check_app

_db = Database("0003")
app = check_app(create_app, _db.config())
app.post("/customers", json={"name": "Mary Jackson", "email": "MJ@Nasa.example"}).expect(
    201, json={"id": 4, "name": "Mary Jackson", "email": "MJ@Nasa.example"}, why="a new customer gets the next id, 4")
_rows = _db.rows()
assert _rows[-1] == {"id": 4, "name": "Mary Jackson", "full_name": "Mary Jackson", "email": "MJ@Nasa.example", "email_lower": "mj@nasa.example"}, (
    f"a customer created by release 2 should have name and full_name both set, and email_lower; the row is {_rows[-1]}"
)
check_app(create_release_1_app, _db.config()).post("/customers", json={"name": "Dorothy Vaughan", "email": "dv@nasa.example"}).expect(201)
app.get("/customers/5").expect(
    200, json={"id": 5, "name": "Dorothy Vaughan", "email": "dv@nasa.example"},
    why="customer 5 was created by release 1, which leaves full_name empty")

# %% nbgrader={"grade": true, "grade_id": "task3_hidden", "points": 2}
# More tests of task 3 run here when your notebook is graded.
from autograder import check_app

### BEGIN HIDDEN TESTS
side = Database("0003")
new = check_app(create_app, side.config())
old = check_app(create_release_1_app, side.config())
new.patch("/customers/3", json={"name": "Alan M. Turing"}).expect(
    200, json={"id": 3, "name": "Alan M. Turing", "email": "ALAN.TURING@Bletchley.example"},
    why="release 2 renames customer 3")
row = side.rows()[2]
assert (row["name"], row["full_name"]) == ("Alan M. Turing", "Alan M. Turing"), (
    f"a rename by release 2 should write both name and full_name; the row is {row}"
)
old.get("/customers/3").expect(
    200, json={"id": 3, "name": "Alan M. Turing", "email": "ALAN.TURING@Bletchley.example"},
    why="release 1 must see the rename release 2 made")
old.patch("/customers/1", json={"name": "Augusta Ada King"}).expect(200)
new.get("/customers/1").expect(
    200, json={"id": 1, "name": "Augusta Ada King", "email": "Ada@Analytical.example"},
    why="release 1 renamed customer 1 (it writes name only); both releases must answer the same name")
new.get("/customers/99").expect(404, why="there is no customer 99")
new.patch("/customers/98", json={"name": "Nobody"}).expect(404, why="there is no customer 98")
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task4", "locked": true}
# ## Task 4: revision `0004`, the contract step (3 points)
#
# Release 1 is gone: every instance now runs release 2. Revision `0004`
# finishes the rename, and release 3, which reads and writes `full_name`
# only, ships with it. `upgrade_0004()` leaves the schema of `SCHEMA["0004"]`:
#
# - `full_name` is **not null**, and holds for every row the customer's
#   current name. Until now `name` was the column every release kept up to
#   date (releases 1 and 2); release 1 wrote rows and renames after `0003` that
#   never reached `full_name`;
# - `name` is dropped;
# - the index on `email_lower` stays, and every row keeps its `id`, `email`
#   and `email_lower`.
#
# `downgrade_0004()` restores the schema of `0003` exactly: `name` back,
# **not null**, filled from `full_name`; `full_name` nullable again; the index
# kept; every row kept, those written after the upgrade included.

# %% nbgrader={"grade_id": "revision_0004", "solution": true}
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    ### BEGIN SOLUTION
    # name is the column both releases kept current: copy it over every row,
    # not only the rows whose full_name is empty.
    op.execute("UPDATE customers SET full_name = name")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
        batch.drop_column("name")
    ### END SOLUTION


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    ### BEGIN SOLUTION
    op.add_column("customers", sa.Column("name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET name = full_name")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("name", existing_type=sa.String(100), nullable=False)
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)
    ### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "task4_visible", "points": 1}
_db = Database("0003", rows=SEED_CUSTOMERS + [{"id": 4, "name": "Mary Jackson", "email": "mj@nasa.example", "full_name": None}])
_db.upgrade("0004")
assert [(_r["id"], _r.get("full_name"), "name" in _r) for _r in _db.rows()] == [(1, "Ada Lovelace", False), (2, "Grace Hopper", False), (3, "Alan Turing", False), (4, "Mary Jackson", False)], (
    f"after the upgrade to 0004, every row should have its name in full_name and no name column, customer 4 "
    f"(written by release 1 with no full_name) included; the rows are {_db.rows()}"
)
_db.downgrade("0003")
assert [(_r["id"], _r.get("name")) for _r in _db.rows()] == [(1, "Ada Lovelace"), (2, "Grace Hopper"), (3, "Alan Turing"), (4, "Mary Jackson")], (
    f"after downgrading to 0003, name should be back, filled from full_name; the rows are {_db.rows()}"
)
_db.upgrade("0004")
assert [_r.get("full_name") for _r in _db.rows()] == ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Mary Jackson"], (
    f"upgrading to 0004 again after the downgrade should work; the rows are {_db.rows()}"
)

# %% nbgrader={"grade": true, "grade_id": "task4_hidden", "points": 1}
# More tests of task 4 run here when your notebook is graded.
### BEGIN HIDDEN TESTS
renamed = [dict(id=1, name="Augusta Ada King", email="Ada@Analytical.example", full_name="Ada Lovelace"),
           dict(id=2, name="Grace Hopper", email="grace@navy.example"),
           dict(id=6, name="Late Signup", email="late@larder.example", full_name=None)]
contract_db = Database("0003", rows=renamed)
contract_db.upgrade("0004")
names = [(r["id"], r.get("full_name")) for r in contract_db.rows()]
assert names == [(1, "Augusta Ada King"), (2, "Grace Hopper"), (6, "Late Signup")], (
    "customer 1 was renamed by release 1 after 0003 (name changed, full_name left as it was); after the upgrade "
    f"to 0004 full_name should hold each customer's current name; got {names}"
)
problems = schema_differences(contract_db, "0004")
assert not problems, "after the upgrade to 0004 the schema should be SCHEMA['0004']: " + "; ".join(problems)
### END HIDDEN TESTS

# %% nbgrader={"grade": true, "grade_id": "task4_hidden_2", "points": 1}
# More tests of task 4 run here when your notebook is graded.
### BEGIN HIDDEN TESTS
release_3_rows = [dict(id=2, name="Grace Hopper", email="grace@navy.example"),
                  dict(id=11, name="Written By Release Three", email="R3@larder.example")]
back_db = Database("0004", rows=release_3_rows)
back_db.downgrade("0003")
problems = schema_differences(back_db, "0003")
assert not problems, (
    "downgrading a database at 0004 to 0003 should restore the schema of 0003 exactly: " + "; ".join(problems)
)
want = [_complete(r, "0003") for r in release_3_rows]
assert back_db.rows() == want, (
    f"downgrading to 0003 should keep every customer with name filled from full_name; expected {want}, got {back_db.rows()}"
)
### END HIDDEN TESTS

# %% [markdown] nbgrader={"grade_id": "task5", "locked": true}
# ## Task 5: a question from your reviewer (3 points, graded by hand)
#
# In production the `customers` table is on PostgreSQL and holds 30 million
# rows, and the app serves traffic during every deploy. In a few sentences:
# in what order do the revisions and releases of this notebook go out, and
# why may `0004` not ship with release 2? What would you change in how `0002`
# adds its not null column, backfills it and builds its index, so that the
# migration neither locks the table for minutes nor fails halfway?

# %% [markdown] nbgrader={"grade": true, "grade_id": "task5_answer", "points": 3, "solution": true}
# **Model answer.** Order: `0002`, then `0003` (expand) while release 1 still
# runs; then release 2 rolls out (writes both, reads `name`); once no release
# 1 instance is left, `0004` (contract: copy `name` over `full_name`, drop
# `name`) with release 3 (reads and writes `full_name` only). Release 3 may
# not run before `0004`: it would not write `name`, and the contract copies
# `name` over `full_name`. `0004` cannot ship with release 2 because during
# that rolling deploy release 1 instances still read and write `name`:
# dropping it breaks them at once, and a rollback to release 1 would find no
# column. Every step must be compatible with the code before and after it;
# strictly, release 2 instances still read `name` while release 3 rolls out,
# so a fully safe plan splits it further (backfill, a release that reads
# `full_name` and writes both, then drop `name`).
# On a 30-million-row PostgreSQL table: add the column nullable (a metadata
# change, instant), deploy code that writes it, backfill **in batches** (e.g.
# 10,000 ids per transaction, outside the migration or in a job, so no long
# lock and no huge transaction, resumable when it stops halfway), build the
# index with `CREATE INDEX CONCURRENTLY` (outside a transaction:
# `op.get_context().autocommit_block()`), then enforce not null cheaply: add a
# `CHECK (email_lower IS NOT NULL) NOT VALID` constraint, `VALIDATE` it (no
# exclusive lock), then `SET NOT NULL` (PostgreSQL 12+ uses the validated
# check and skips the scan). Set a `lock_timeout` so the DDL gives up instead
# of queueing every query behind it.
#
# **Rubric (1 point each).**
# 1. The order (expand, release writing both, then contract with the release
#    that uses only the new column) and why contract waits: old instances (and
#    a rollback) still use `name` during the rolling deploy. Splitting the
#    contract further (backfill, release reading `full_name` and writing both,
#    then drop) also earns the point.
# 2. Backfill in batches / a background job rather than one `UPDATE` in the
#    migration's transaction; the column added nullable first, not null at the end.
# 3. An index built without blocking writes (`CREATE INDEX CONCURRENTLY`,
#    outside a transaction) and a cheap not-null (`NOT VALID` check then
#    `VALIDATE`, or `lock_timeout` and a short lock); any two concrete
#    PostgreSQL locking facts earn the point.

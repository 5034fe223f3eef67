"""No batch mode: every NOT NULL change is a hand-written table rebuild (create new table, copy rows, drop, rename, recreate the index), the 0002 backfill computed in Python with str.lower() and op.bulk_insert; release 2 as a Blueprint of plain functions using Core insert/update/select on the table (no ORM objects).

expect: full marks
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op


def _rebuild(columns, copy_select):
    """Replace customers by a new table with `columns`, filled by INSERT ... `copy_select` (reading the old table)."""
    op.create_table("customers_rebuild", *columns)
    op.execute(f"INSERT INTO customers_rebuild ({', '.join(c.name for c in columns)}) {copy_select}")
    op.drop_table("customers")
    op.rename_table("customers_rebuild", "customers")


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    new = op.create_table(
        "customers_rebuild",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("email_lower", sa.String(200), nullable=False),
    )
    rows = op.get_bind().execute(sa.text("SELECT id, name, email FROM customers ORDER BY id")).mappings().all()
    op.bulk_insert(new, [dict(row, email_lower=row["email"].lower()) for row in rows])
    op.drop_table("customers")
    op.rename_table("customers_rebuild", "customers")
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    # Dropping the old table drops its index with it.
    _rebuild(
        [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(100), nullable=False),
            sa.Column("email", sa.String(200), nullable=False),
        ],
        "SELECT id, name, email FROM customers",
    )
# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    # Nullable: release 1's INSERT does not name full_name.
    op.add_column("customers", sa.Column("full_name", sa.String(100), nullable=True))
    op.execute(sa.text("UPDATE customers SET full_name = name WHERE full_name IS NULL"))


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    _rebuild(
        [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(100), nullable=False),
            sa.Column("email", sa.String(200), nullable=False),
            sa.Column("email_lower", sa.String(200), nullable=False),
        ],
        "SELECT id, name, email, email_lower FROM customers",
    )
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"])
# %% release_2
import os

from flask import Blueprint, Flask, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy
import sqlalchemy as sa

db = SQLAlchemy()


class Customer(db.Model):
    """The customers table as revision 0003 leaves it (SCHEMA["0003"]). Use it, or SQL, as you like."""

    __tablename__ = "customers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    full_name = db.Column(db.String(100))
    email = db.Column(db.String(200), nullable=False)
    email_lower = db.Column(db.String(200), nullable=False)


customers = Customer.__table__
api = Blueprint("customers_api", __name__)


def _load(customer_id):
    # During the deploy release 1 renames through name only, so name is what both releases answer.
    row = db.session.execute(
        sa.select(customers.c.id, customers.c.name, customers.c.email).where(customers.c.id == customer_id)
    ).mappings().first()
    if row is None:
        abort(404)
    return dict(row)


@api.route("/customers", methods=["POST"])
def create_customer():
    body = request.get_json()
    result = db.session.execute(
        sa.insert(customers).values(
            name=body["name"], full_name=body["name"],
            email=body["email"], email_lower=body["email"].lower(),
        )
    )
    db.session.commit()
    return jsonify(_load(result.inserted_primary_key[0])), 201


@api.route("/customers/<int:customer_id>", methods=["GET"])
def read_customer(customer_id):
    return jsonify(_load(customer_id))


@api.route("/customers/<int:customer_id>", methods=["PATCH"])
def rename_customer(customer_id):
    _load(customer_id)
    new_name = request.get_json()["name"]
    db.session.execute(
        sa.update(customers).where(customers.c.id == customer_id).values(name=new_name, full_name=new_name)
    )
    db.session.commit()
    return jsonify(_load(customer_id))


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask("larder_release_2")
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "larder.db"),
    )
    if test_config is not None:
        app.config.from_mapping(test_config)
    db.init_app(app)
    app.register_blueprint(api)
    return app
# %% revision_0004
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    # name is current for every row (release 1 renamed through it), so full_name is rebuilt from name.
    _rebuild(
        [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("email", sa.String(200), nullable=False),
            sa.Column("email_lower", sa.String(200), nullable=False),
            sa.Column("full_name", sa.String(100), nullable=False),
        ],
        "SELECT id, email, email_lower, name FROM customers",
    )
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"])


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    _rebuild(
        [
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.String(100), nullable=False),
            sa.Column("email", sa.String(200), nullable=False),
            sa.Column("email_lower", sa.String(200), nullable=False),
            sa.Column("full_name", sa.String(100), nullable=True),
        ],
        "SELECT id, full_name, email, email_lower, full_name FROM customers",
    )
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"])

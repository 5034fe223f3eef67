"""Backfills row by row in Python through op.get_bind(), index created inside the batch, native
ALTER TABLE DROP COLUMN where SQLite allows it, and release 2 as a blueprint with 2.0-style select().

expect: full marks
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    op.add_column("customers", sa.Column("email_lower", sa.String(length=200)))
    bind = op.get_bind()
    for customer_id, email in bind.execute(sa.text("SELECT id, email FROM customers")).all():
        bind.execute(sa.text("UPDATE customers SET email_lower = :v WHERE id = :i"),
                     {"v": email.lower(), "i": customer_id})
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("email_lower", existing_type=sa.String(length=200), existing_nullable=True,
                           nullable=False)
        batch.create_index(batch.f("ix_customers_email_lower"), ["email_lower"], unique=False)


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    with op.batch_alter_table("customers") as batch:
        batch.drop_index(batch.f("ix_customers_email_lower"))
        batch.drop_column("email_lower")

# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    op.add_column("customers", sa.Column("full_name", sa.String(length=100), nullable=True))
    bind = op.get_bind()
    for customer_id, name in bind.execute(sa.text("SELECT id, name FROM customers")).all():
        bind.execute(sa.text("UPDATE customers SET full_name = :v WHERE id = :i"), {"v": name, "i": customer_id})


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    # full_name is not indexed, so SQLite (3.35+) drops it in place.
    op.drop_column("customers", "full_name")

# %% release_2
from flask import Blueprint, Flask, abort, jsonify, request
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


api = Blueprint("customers", __name__)


def _load(customer_id):
    customer = db.session.execute(sa.select(Customer).where(Customer.id == customer_id)).scalar_one_or_none()
    if customer is None:
        abort(404)
    return customer


def _public(customer):
    return jsonify(id=customer.id, name=customer.name, email=customer.email)


def _set_name(customer, value):
    # Both columns until the contract step; release 1 still reads name.
    customer.name = value
    customer.full_name = value


@api.post("/customers")
def post_customer():
    payload = request.get_json()
    customer = Customer(email=payload["email"], email_lower=payload["email"].lower())
    _set_name(customer, payload["name"])
    db.session.add(customer)
    db.session.commit()
    return _public(customer), 201


@api.get("/customers/<int:customer_id>")
def get_customer(customer_id):
    return _public(_load(customer_id))


@api.patch("/customers/<int:customer_id>")
def patch_customer(customer_id):
    customer = _load(customer_id)
    _set_name(customer, request.get_json()["name"])
    db.session.commit()
    return _public(customer)


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask(__name__)
    app.config.from_mapping({"SQLALCHEMY_DATABASE_URI": "sqlite:///:memory:", **(test_config or {})})
    db.init_app(app)
    app.register_blueprint(api)
    return app

# %% revision_0004
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    op.execute("UPDATE customers SET full_name = name")
    # Two table copies: first not null, then the drop.
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("full_name", existing_type=sa.String(length=100), existing_nullable=True,
                           nullable=False)
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("name")


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    op.add_column("customers", sa.Column("name", sa.String(length=100)))
    op.execute("UPDATE customers SET name = full_name")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("name", existing_type=sa.String(length=100), nullable=False)
        batch.alter_column("full_name", existing_type=sa.String(length=100), nullable=True)

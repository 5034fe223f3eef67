"""Not null columns added with a server default that stays, backfills with Core update() expressions,
batch mode everywhere (recreate="always"), and release 2 on raw SQL through db.session.

expect: full marks
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op

customers_0002 = sa.table("customers", sa.column("email", sa.String), sa.column("email_lower", sa.String))


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=False, server_default=""))
    op.execute(customers_0002.update().values(email_lower=sa.func.lower(customers_0002.c.email)))
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.create_index("ix_customers_email_lower", ["email_lower"])


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.drop_index("ix_customers_email_lower")
        batch.drop_column("email_lower")

# %% revision_0003
customers_0003 = sa.table("customers", sa.column("name", sa.String), sa.column("full_name", sa.String))


def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.add_column(sa.Column("full_name", sa.String(100), nullable=True))
    op.execute(customers_0003.update().values(full_name=customers_0003.c.name))


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.drop_column("full_name")

# %% release_2
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


SELECT_ONE = sa.text("SELECT id, name, email FROM customers WHERE id = :id")


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    app.config.update(test_config or {})
    db.init_app(app)

    def one(customer_id):
        row = db.session.execute(SELECT_ONE, {"id": customer_id}).mappings().first()
        if row is None:
            abort(404)
        return dict(row)

    @app.route("/customers", methods=["POST"])
    def create():
        data = request.get_json()
        new_id = db.session.execute(
            sa.text("INSERT INTO customers (name, full_name, email, email_lower) "
                    "VALUES (:n, :n, :e, :l) RETURNING id"),
            {"n": data["name"], "e": data["email"], "l": data["email"].lower()},
        ).scalar_one()
        db.session.commit()
        return one(new_id), 201

    @app.route("/customers/<int:customer_id>", methods=["GET"])
    def read(customer_id):
        return one(customer_id)

    @app.route("/customers/<int:customer_id>", methods=["PATCH"])
    def rename(customer_id):
        one(customer_id)
        db.session.execute(sa.text("UPDATE customers SET name = :n, full_name = :n WHERE id = :id"),
                           {"n": request.get_json()["name"], "id": customer_id})
        db.session.commit()
        return one(customer_id)

    return app

# %% revision_0004
customers_0004 = sa.table("customers", sa.column("name", sa.String), sa.column("full_name", sa.String))


def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    op.execute(customers_0004.update().values(full_name=customers_0004.c.name))
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.drop_column("name")
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.add_column(sa.Column("name", sa.String(100), nullable=False, server_default=""))
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)
    op.execute(customers_0004.update().values(name=customers_0004.c.full_name))

"""Release 2 looks customers up with db.session.get() and never checks for None, so GET (and PATCH) of an unknown id crash with 500 instead of 404; breaks 'both answer 404 for an id that no customer has'.

expect: task3_hidden
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=True))
    op.execute("UPDATE customers SET email_lower = lower(email)")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("email_lower", existing_type=sa.String(200), nullable=False)
    op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    op.drop_index("ix_customers_email_lower", table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("email_lower")
# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    op.add_column("customers", sa.Column("full_name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET full_name = name")


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    with op.batch_alter_table("customers") as batch:
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


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask(__name__)
    app.config.from_mapping(SQLALCHEMY_DATABASE_URI="sqlite:///larder.db")
    if test_config:
        app.config.update(test_config)
    db.init_app(app)

    def as_json(customer):
        # name is the column both releases keep current during the deploy.
        return {"id": customer.id, "name": customer.name, "email": customer.email}

    @app.post("/customers")
    def create_customer():
        body = request.get_json()
        customer = Customer(name=body["name"], full_name=body["name"],
                            email=body["email"], email_lower=body["email"].lower())
        db.session.add(customer)
        db.session.commit()
        return jsonify(as_json(customer)), 201

    @app.get("/customers/<int:customer_id>")
    def get_customer(customer_id):
        return jsonify(as_json(db.session.get(Customer, customer_id)))

    @app.patch("/customers/<int:customer_id>")
    def rename_customer(customer_id):
        customer = db.session.get(Customer, customer_id)
        new_name = request.get_json()["name"]
        customer.name = new_name
        customer.full_name = new_name
        db.session.commit()
        return jsonify(as_json(customer))

    return app
# %% revision_0004
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    op.execute("UPDATE customers SET full_name = name")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
        batch.drop_column("name")


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    op.add_column("customers", sa.Column("name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET name = full_name")
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("name", existing_type=sa.String(100), nullable=False)
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)

"""NOT NULL column added with a temporary server default and Core update() constructs, native DROP COLUMN where SQLite allows it; release 2 as a Blueprint of MethodView classes, with an ORM @validates hook that keeps full_name equal to name.

expect: full marks
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op

_customers = sa.table(
    "customers",
    sa.column("id", sa.Integer),
    sa.column("name", sa.String),
    sa.column("email", sa.String),
    sa.column("email_lower", sa.String),
    sa.column("full_name", sa.String),
)


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    # SQLite accepts ADD COLUMN ... NOT NULL when the column has a default.
    op.add_column(
        "customers",
        sa.Column("email_lower", sa.String(200), nullable=False, server_default=""),
    )
    op.execute(_customers.update().values(email_lower=sa.func.lower(_customers.c.email)))
    # The default was only a bridge: remove it so a missing value is an error again.
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("email_lower", existing_type=sa.String(200), existing_nullable=False,
                           server_default=None)
    op.create_index(op.f("ix_customers_email_lower"), "customers", ["email_lower"])


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    with op.batch_alter_table("customers") as batch:
        batch.drop_index("ix_customers_email_lower")
        batch.drop_column("email_lower")
# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    op.add_column("customers", sa.Column("full_name", sa.String(100)))
    op.execute(_customers.update().values(full_name=_customers.c.name))


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    # full_name has no index, so SQLite (3.35+) drops it in place; the table and its index stay.
    op.drop_column("customers", "full_name")
# %% release_2
from flask import Blueprint, Flask, abort, jsonify, request
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import validates

db = SQLAlchemy()


class Customer(db.Model):
    """The customers table as revision 0003 leaves it (SCHEMA["0003"]). Use it, or SQL, as you like."""

    __tablename__ = "customers"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100), nullable=False)
    full_name = db.Column(db.String(100))
    email = db.Column(db.String(200), nullable=False)
    email_lower = db.Column(db.String(200), nullable=False)

    @validates("name")
    def _mirror_name(self, key, value):
        # Release 2 writes both columns: whatever sets name sets full_name too.
        self.full_name = value
        return value

    @validates("email")
    def _lower_email(self, key, value):
        self.email_lower = value.lower()
        return value

    def to_dict(self):
        # Release 1 still renames through name only: name is the current one.
        return {"id": self.id, "name": self.name, "email": self.email}


class CustomerList(MethodView):
    def post(self):
        body = request.get_json()
        customer = Customer(name=body["name"], email=body["email"])
        db.session.add(customer)
        db.session.commit()
        return jsonify(customer.to_dict()), 201


class CustomerItem(MethodView):
    def get(self, customer_id):
        return jsonify(db.get_or_404(Customer, customer_id).to_dict())

    def patch(self, customer_id):
        customer = db.get_or_404(Customer, customer_id)
        customer.name = request.get_json()["name"]
        db.session.commit()
        return jsonify(customer.to_dict())


customers_bp = Blueprint("customers", __name__)
customers_bp.add_url_rule("/customers", view_func=CustomerList.as_view("list"))
customers_bp.add_url_rule("/customers/<int:customer_id>", view_func=CustomerItem.as_view("item"))


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///larder.db"
    app.config.update(test_config or {})
    db.init_app(app)
    app.register_blueprint(customers_bp)
    return app
# %% revision_0004
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    # Release 1 renamed through name only after 0003: name is current for every row.
    op.execute(_customers.update().values(full_name=_customers.c.name))
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
        batch.drop_column("name")


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    op.add_column("customers", sa.Column("name", sa.String(100), nullable=False, server_default=""))
    op.execute(_customers.update().values(name=_customers.c.full_name))
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("name", existing_type=sa.String(100), existing_nullable=False,
                           server_default=None)
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)

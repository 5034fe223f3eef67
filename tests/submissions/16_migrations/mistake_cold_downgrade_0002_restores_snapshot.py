"""0002's upgrade keeps a snapshot table customers_0001 of the old rows and the downgrade restores the table from it, losing rows written after the upgrade; breaks 'keep every row, those inserted after the upgrade included' (and 'no other ... table ... appears').

expect: task1_hidden, task1_hidden_2
base: alternative_cold_sync_triggers
"""
# %% revision_0002
# -     op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=True))
# +     # Keep a copy of the table as it was, for a safe rollback.
# +     op.execute("CREATE TABLE customers_0001 AS SELECT id, name, email FROM customers")
# +     op.add_column("customers", sa.Column("email_lower", sa.String(200), nullable=True))

# -     op.drop_index("ix_customers_email_lower", table_name="customers")
# -     with op.batch_alter_table("customers") as batch:
# -         batch.drop_column("email_lower")
# +     op.drop_table("customers")
# +     op.create_table(
# +         "customers",
# +         sa.Column("id", sa.Integer, primary_key=True),
# +         sa.Column("name", sa.String(100), nullable=False),
# +         sa.Column("email", sa.String(200), nullable=False),
# +     )
# +     op.execute("INSERT INTO customers (id, name, email) SELECT id, name, email FROM customers_0001")
# +     op.drop_table("customers_0001")
# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    op.add_column("customers", sa.Column("full_name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET full_name = name")


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("full_name")
# %% revision_0004
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_insert")
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_update")
# -     op.execute("UPDATE customers SET full_name = name")
# +     op.execute("UPDATE customers SET full_name = name")

"""0004 runs its batch with an explicit copy_from Table (no reflection), so the rebuilt customers table has no ix_customers_email_lower; breaks 'the index on email_lower stays'.

expect: task4_hidden
base: alternative_cold_sync_triggers
"""
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

# -     with op.batch_alter_table("customers") as batch:
# -         batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
# +     customers_0003 = sa.Table(
# +         "customers", sa.MetaData(),
# +         sa.Column("id", sa.Integer, primary_key=True),
# +         sa.Column("name", sa.String(100), nullable=False),
# +         sa.Column("email", sa.String(200), nullable=False),
# +         sa.Column("email_lower", sa.String(200), nullable=False),
# +         sa.Column("full_name", sa.String(100)),
# +     )
# +     with op.batch_alter_table("customers", copy_from=customers_0003) as batch:
# +         batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)

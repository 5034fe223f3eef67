"""0003's downgrade 'saves' full_name into name (COALESCE(full_name, name)) before dropping it, which overwrites release 1's later renames with the stale full_name; breaks 'keeps every row with its id, name, email and email_lower unchanged, whatever full_name holds'.

expect: task2_hidden_2
base: alternative_cold_sync_triggers
"""
# %% revision_0003
def upgrade_0003():
    """Expand: add customers.full_name, filled from name; release 1 must keep working."""
    op.add_column("customers", sa.Column("full_name", sa.String(100), nullable=True))
    op.execute("UPDATE customers SET full_name = name")


def downgrade_0003():
    """Undo upgrade_0003: drop full_name, keep every row and the index."""
    # Don't lose names written by release 2 through full_name.
    op.execute("UPDATE customers SET name = COALESCE(full_name, name)")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("full_name")
# %% revision_0004
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_insert")
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_update")
# -     op.execute("UPDATE customers SET full_name = name")
# +     op.execute("UPDATE customers SET full_name = name")

"""The contract step copies name into full_name only where full_name is empty, keeping names release 1 changed after 0003 stale.

expect: task4_hidden
"""
# %% revision_0004
# -     op.execute("UPDATE customers SET full_name = name")
# -     with op.batch_alter_table("customers") as batch:
# -         batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)
# +     op.execute("UPDATE customers SET full_name = name WHERE full_name IS NULL")
# +     with op.batch_alter_table("customers") as batch:
# +         batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)

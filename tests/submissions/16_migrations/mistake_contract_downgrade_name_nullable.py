"""The downgrade of 0004 adds name back and fills it, but leaves it nullable and full_name not null.

expect: task4_hidden_2
"""
# %% revision_0004
# -     op.execute("UPDATE customers SET name = full_name")
# -     with op.batch_alter_table("customers") as batch:
# -         batch.alter_column("name", existing_type=sa.String(100), nullable=False)
# -         batch.alter_column("full_name", existing_type=sa.String(100), nullable=True)
# +     op.execute("UPDATE customers SET name = full_name")

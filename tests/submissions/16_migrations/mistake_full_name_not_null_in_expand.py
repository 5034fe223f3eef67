"""The expand step makes full_name not null right away, so release 1's INSERT without it fails.

expect: task2_hidden
"""
# %% revision_0003
# -     op.execute("UPDATE customers SET full_name = name")
# +     op.execute("UPDATE customers SET full_name = name")
# +     with op.batch_alter_table("customers") as batch:
# +         batch.alter_column("full_name", existing_type=sa.String(100), nullable=False)

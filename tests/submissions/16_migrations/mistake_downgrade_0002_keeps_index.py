"""The downgrade of 0002 drops the column but forgets the index on it.

expect: task1_visible, task1_hidden_2
"""
# %% revision_0002
# -     op.drop_index("ix_customers_email_lower", table_name="customers")
# -     with op.batch_alter_table("customers") as batch:
# +     with op.batch_alter_table("customers") as batch:

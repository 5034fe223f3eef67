"""Adds email_lower nullable, backfills it and indexes it, but never makes it not null.

expect: task1_hidden
"""
# %% revision_0002
# -     with op.batch_alter_table("customers") as batch:
# -         batch.alter_column("email_lower", existing_type=sa.String(200), nullable=False)
# -     op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)
# +     op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)

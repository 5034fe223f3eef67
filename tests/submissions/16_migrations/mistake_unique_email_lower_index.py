"""Makes the index on email_lower unique, so an upgrade over addresses that differ only in case fails.

expect: task1_hidden
"""
# %% revision_0002
# -     op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=False)
# +     op.create_index("ix_customers_email_lower", "customers", ["email_lower"], unique=True)

"""Downgrades 0003 by copying the table by hand with SQL, which loses the index on email_lower.

expect: task2_hidden_2
"""
# %% revision_0003
# -     with op.batch_alter_table("customers") as batch:
# -         batch.drop_column("full_name")
# +     op.execute(
# +         "CREATE TABLE customers_old (id INTEGER NOT NULL, name VARCHAR(100) NOT NULL, "
# +         "email VARCHAR(200) NOT NULL, email_lower VARCHAR(200) NOT NULL, PRIMARY KEY (id))"
# +     )
# +     op.execute("INSERT INTO customers_old SELECT id, name, email, email_lower FROM customers")
# +     op.execute("DROP TABLE customers")
# +     op.execute("ALTER TABLE customers_old RENAME TO customers")

"""Release 2 looks customers up with db.session.get() and never checks for None, so GET (and PATCH) of an unknown id crash with 500 instead of 404; breaks 'both answer 404 for an id that no customer has'.

expect: task3_hidden
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
# %% release_2
# -         return jsonify(as_json(db.get_or_404(Customer, customer_id)))
# +         return jsonify(as_json(db.session.get(Customer, customer_id)))

# -         customer = db.get_or_404(Customer, customer_id)
# +         customer = db.session.get(Customer, customer_id)
# %% revision_0004
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_insert")
# -     op.execute("DROP TRIGGER IF EXISTS customers_full_name_update")
# -     op.execute("UPDATE customers SET full_name = name")
# +     op.execute("UPDATE customers SET full_name = name")

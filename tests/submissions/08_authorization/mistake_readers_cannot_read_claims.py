"""Makes GET /expenses/<id> owner-only: auditors and managers, who see every claim in the report,
get 404 for single claims of others.

expect: task4_hidden
"""
# %% your_app
# -         return claim_for(expense_id, readers=SEE_EVERY_CLAIM)
# +         return claim_for(expense_id)

"""PATCH loads the claim (404) before checking the write scope, so a read-only token gets 404 for missing/foreign ids; breaks task 4 'The scope is checked first: a token without it gets 403 whatever the id'.

expect: task4_hidden_2
base: alternative_cold_decorators
"""
# %% your_app
# -     @require("update_expense", scope="expenses:write")
# +     @require("update_expense")

# -         claim = visible_claim(expense_id, owner_only=True)
# +         claim = visible_claim(expense_id, owner_only=True)
# +         if "expenses:write" not in g.identity.scopes:
# +             log_decision(False, "missing scope expenses:write")
# +             abort(403)

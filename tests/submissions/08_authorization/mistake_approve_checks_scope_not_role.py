"""Checks only the expenses:approve scope on approvals, not the manager role: any user whose token
carries the scope can approve claims.

expect: task3_hidden
"""
# %% your_app
# -     @require("approve_expense", scope="expenses:approve", roles={"manager"})
# +     @require("approve_expense", scope="expenses:approve")

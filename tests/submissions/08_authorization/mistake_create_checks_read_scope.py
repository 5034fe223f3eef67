"""Copies the decorator of GET /expenses onto POST /expenses: filing a claim needs expenses:read,
so a read-only token files claims and a write-only token cannot.

expect: task2_visible, task2_hidden
"""
# %% your_app
# -     @require("create_expense", scope="expenses:write")
# +     @require("create_expense", scope="expenses:read")

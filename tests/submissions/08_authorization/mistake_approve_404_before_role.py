"""Approve loads the claim before checking the scope and the role, so a caller without them gets 404 (not 403) for an id that does not exist.

expect: task3_hidden
"""
# %% your_app
# -     @require("approve_expense", scope="expenses:approve", roles={"manager"})
# +     @require("approve_expense")
# -         if expense is None:
# -             refuse(404)
# +         if expense is None:
# +             refuse(404)
# +         if "expenses:approve" not in g.identity.scopes or "manager" not in g.identity.roles:
# +             refuse(403)

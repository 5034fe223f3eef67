"""Keeps the accounts in a module-level dict that create_app empties, so two apps alive at once share their accounts; breaks 'Each app keeps its own accounts (none at first)' and 'Ids start at 1 in each app'.

expect: task1_hidden
"""
# %% your_app
# - csrf = CSRFProtect()
# + csrf = CSRFProtect()
# + ACCOUNTS = {}
# -     accounts = {}
# +     accounts = ACCOUNTS
# +     accounts.clear()

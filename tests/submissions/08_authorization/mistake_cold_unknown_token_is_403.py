"""Scoped endpoints lump 'no identity' together with 'missing scope' and answer 403; breaks task 2 'authentication is checked first, so a missing or unknown token is never a 403'.

expect: task2_hidden
base: alternative_cold_decorators
"""
# %% your_app
# -             if g.identity is None:
# +             if g.identity is None and scope is None:

# -             if scope is not None and scope not in g.identity.scopes:
# +             if scope is not None and (g.identity is None or scope not in g.identity.scopes):

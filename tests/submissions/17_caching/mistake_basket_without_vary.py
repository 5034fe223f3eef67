"""Marks the basket no-store but forgets Vary: Authorization.

expect: task3_hidden
"""
# %% your_app
# -         response.vary.add("Authorization")
# +         pass

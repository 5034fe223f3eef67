"""Registers the token check with before_app_request instead of before_request,
so every request of the app needs the admin token: the shop, / and /health
answer 401 without it.

expect: task3_visible, task3_hidden
"""
# %% your_app
# -     @admin.before_request
# +     @admin.before_app_request

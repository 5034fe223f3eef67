"""Opens the connection in before_request for every request, so GET /health
connects to the database although it never uses it.

expect: task1_hidden
"""
# %% your_app
# -         # g lives for one request only, so the user is looked up every time.
# +         get_db()

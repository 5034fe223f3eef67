"""Serves /metrics as generate_latest's bytes with Flask's default text/html content type.

expect: task4_hidden
"""
# %% your_app
# -         return generate_latest(registry), 200, {"Content-Type": CONTENT_TYPE_LATEST}
# +         return generate_latest(registry)

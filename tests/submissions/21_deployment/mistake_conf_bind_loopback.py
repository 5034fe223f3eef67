"""Binds gunicorn to 127.0.0.1:8000 and ignores PORT: unreachable from outside the container.

expect: task3_hidden
"""
# %% your_conf
# - bind = "0.0.0.0:" + os.environ.get("PORT", "8000")
# + bind = "127.0.0.1:8000"

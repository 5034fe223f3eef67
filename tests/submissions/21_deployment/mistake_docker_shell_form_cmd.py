"""Starts gunicorn with a shell-form CMD: /bin/sh is PID 1 and gunicorn never gets the SIGTERM.

expect: task5_hidden
"""
# %% your_dockerfile
# - CMD ["gunicorn", "-c", "gunicorn.conf.py", "quayside_app:create_app()"]
# + CMD gunicorn -c gunicorn.conf.py "quayside_app:create_app()"

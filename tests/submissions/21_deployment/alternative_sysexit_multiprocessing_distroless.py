"""Plain functions that exit with SystemExit, Flask's from_mapping, multiprocessing.cpu_count and a string worker count, a distroless final stage.

expect: full marks
"""
# %% your_app
APP_PY = '''
import os
import sys

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

YES = ("1", "true", "yes", "on")
NO = ("0", "false", "no", "off")


def env(name):
    return os.getenv("QUAYSIDE_" + name)


def create_app(test_config=None):
    secret = env("SECRET_KEY")
    if secret is None or not secret.strip():
        sys.exit("configuration error: QUAYSIDE_SECRET_KEY is required")

    proxies = env("TRUSTED_PROXIES")
    if proxies is None:
        proxies = "1"
    if not proxies.isdecimal() or not proxies.isascii():
        sys.exit(f"configuration error: QUAYSIDE_TRUSTED_PROXIES={proxies!r} is not a count of proxies")

    flag = (env("READ_ONLY") or "no").lower()
    if flag not in YES + NO:
        sys.exit(f"configuration error: QUAYSIDE_READ_ONLY={flag!r} is not yes/no")

    app = Flask(__name__)
    app.config.from_mapping(SECRET_KEY=secret, TRUSTED_PROXIES=int(proxies), READ_ONLY=flag in YES)
    if test_config:
        app.config.from_mapping(test_config)
    trusted = app.config["TRUSTED_PROXIES"]
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=trusted, x_proto=trusted, x_host=trusted)
    app.register_blueprint(routes)
    return app
'''

# %% your_conf
GUNICORN_CONF = '''
import multiprocessing
import os

port = os.getenv("PORT") or "8000"
bind = f"0.0.0.0:{port}"

try:
    cores = multiprocessing.cpu_count()
except NotImplementedError:
    cores = 1
workers = os.getenv("QUAYSIDE_WORKERS", str(cores * 2 + 1))

worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 8
preload_app = True
accesslog = errorlog = "-"
'''

# %% your_dockerfile
DOCKERFILE = '''
FROM python:3.11-slim-bookworm AS builder
COPY requirements.lock /requirements.lock
RUN pip install --no-cache-dir --target /deps --require-hashes -r /requirements.lock

FROM gcr.io/distroless/python3-debian12:nonroot AS final
COPY --from=builder /deps /deps
COPY quayside_app.py quayside_routes.py gunicorn.conf.py /app/
WORKDIR /app
ENV PYTHONPATH=/deps
USER nonroot
HEALTHCHECK CMD ["python3", "-c", "import urllib.request as r; r.urlopen('http://localhost:8000/health')"]
ENTRYPOINT ["python3", "-m", "gunicorn", "-c", "/app/gunicorn.conf.py", "quayside_app:create_app()"]
'''

"""Plain helper functions reading os.environ in create_app, RuntimeError on bad values, ProxyFix(x_for/x_proto/x_host=n); gunicorn.conf with os.cpu_count() or 1; slim two-stage Dockerfile copying a venv, python urllib HEALTHCHECK.

expect: full marks
"""
# %% your_app
APP_PY = '''
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def _env(name):
    return os.environ.get(PREFIX + name)


def _read_secret():
    value = _env("SECRET_KEY")
    if not value:
        raise RuntimeError("QUAYSIDE_SECRET_KEY is not set: refusing to start without a secret key")
    return value


def _read_proxies():
    value = _env("TRUSTED_PROXIES")
    if value is None or value == "":
        return 1
    if not value.isascii() or not value.isdigit():
        raise RuntimeError(
            f"QUAYSIDE_TRUSTED_PROXIES must be a whole number, 0 or more; got {value!r}"
        )
    return int(value)


def _read_read_only():
    value = _env("READ_ONLY")
    if value is None or value == "":
        return False
    lowered = value.lower()
    if lowered in TRUE_WORDS:
        return True
    if lowered in FALSE_WORDS:
        return False
    raise RuntimeError(
        f"QUAYSIDE_READ_ONLY must be one of 1/true/yes/on or 0/false/no/off; got {value!r}"
    )


def create_app(test_config=None):
    """Build the app from QUAYSIDE_* environment variables, then test_config (task 1); ProxyFix (task 2)."""
    app = Flask(__name__)
    app.config["SECRET_KEY"] = _read_secret()
    app.config["TRUSTED_PROXIES"] = _read_proxies()
    app.config["READ_ONLY"] = _read_read_only()
    if test_config is not None:
        app.config.update(test_config)

    app.register_blueprint(routes)

    hops = app.config["TRUSTED_PROXIES"]
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    return app
'''
# %% your_conf
GUNICORN_CONF = '''
import os

# gunicorn.conf.py for the Quayside tracking API.
cpus = os.cpu_count() or 1

bind = "0.0.0.0:" + os.environ.get("PORT", "8000")
workers = int(os.environ.get("QUAYSIDE_WORKERS") or 2 * cpus + 1)
worker_class = "gthread"
threads = 4
timeout = 30
graceful_timeout = 8
preload_app = True
accesslog = "-"
errorlog = "-"
'''
# %% your_dockerfile
DOCKERFILE = '''
FROM python:3.12-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /venv
COPY requirements.lock .
RUN /venv/bin/pip install --no-cache-dir --require-hashes -r requirements.lock

FROM python:3.12-slim
ENV PATH="/venv/bin:$PATH" PYTHONUNBUFFERED=1
RUN useradd --create-home --uid 10001 quayside
WORKDIR /app
COPY --from=build /venv /venv
COPY quayside_app.py quayside_routes.py gunicorn.conf.py ./
USER quayside
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=3 CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=2)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "quayside_app:create_app()"]
'''

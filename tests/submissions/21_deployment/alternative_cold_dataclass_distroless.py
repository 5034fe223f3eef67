"""Frozen dataclass Settings.from_environ collecting every problem into one ConfigurationError, config.from_object, ProxyFix kwargs from a dict; os.sched_getaffinity(0); distroless nonroot final stage with pip --target deps, exec-form HEALTHCHECK and ENTRYPOINT.

expect: full marks
"""
# %% your_app
APP_PY = '''
import os
import re
from dataclasses import asdict, dataclass

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"


class ConfigurationError(ValueError):
    """The platform gave the service a configuration it cannot run with."""


@dataclass(frozen=True)
class Settings:
    SECRET_KEY: str
    TRUSTED_PROXIES: int = 1
    READ_ONLY: bool = False

    @classmethod
    def from_environ(cls, environ):
        problems = []
        values = {}

        secret = environ.get(PREFIX + "SECRET_KEY", "")
        if not secret:
            problems.append(f"{PREFIX}SECRET_KEY is missing or empty")
        values["SECRET_KEY"] = secret

        proxies = environ.get(PREFIX + "TRUSTED_PROXIES", "").strip()
        if proxies:
            if re.fullmatch(r"[0-9]+", proxies):
                values["TRUSTED_PROXIES"] = int(proxies)
            else:
                problems.append(f"{PREFIX}TRUSTED_PROXIES={proxies!r} is not a whole number >= 0")

        read_only = environ.get(PREFIX + "READ_ONLY", "").strip().lower()
        if read_only in ("1", "true", "yes", "on"):
            values["READ_ONLY"] = True
        elif read_only in ("0", "false", "no", "off"):
            values["READ_ONLY"] = False
        elif read_only:
            problems.append(f"{PREFIX}READ_ONLY={read_only!r} is not one of 1/true/yes/on/0/false/no/off")

        if problems:
            raise ConfigurationError("invalid configuration: " + "; ".join(problems))
        return cls(**values)


def create_app(test_config=None):
    """Build the app from QUAYSIDE_* environment variables, then test_config (task 1); ProxyFix (task 2)."""
    settings = Settings.from_environ(os.environ)

    app = Flask(__name__)
    app.config.from_object(settings)
    app.config.update(test_config or {})
    app.register_blueprint(routes)

    trust = {hop: app.config["TRUSTED_PROXIES"] for hop in ("x_for", "x_proto", "x_host")}
    app.wsgi_app = ProxyFix(app.wsgi_app, **trust)
    return app
'''
# %% your_conf
GUNICORN_CONF = '''
import os

# gunicorn.conf.py for the Quayside tracking API.

try:
    _cpus = len(os.sched_getaffinity(0)) or 1
except AttributeError:  # not on Linux
    _cpus = os.cpu_count() or 1

_port = os.environ.get("PORT") or "8000"
bind = f"0.0.0.0:{_port}"

_workers_from_env = os.environ.get("QUAYSIDE_WORKERS")
workers = int(_workers_from_env) if _workers_from_env else 2 * _cpus + 1

worker_class = "gthread"
threads = 4

timeout = 30           # silent workers are killed and replaced
graceful_timeout = 8   # under Docker's 10 s stop grace period
preload_app = True     # a broken configuration stops the master at start

accesslog = "-"
errorlog = "-"
'''
# %% your_dockerfile
DOCKERFILE = '''
FROM python:3.11-slim-bookworm AS build
WORKDIR /build
COPY requirements.lock .
RUN pip install --no-cache-dir --require-hashes --target /deps -r requirements.lock

FROM gcr.io/distroless/python3-debian12:nonroot
WORKDIR /app
COPY --from=build /deps /deps
ENV PYTHONPATH=/deps PYTHONUNBUFFERED=1
COPY --chown=nonroot:nonroot quayside_app.py quayside_routes.py gunicorn.conf.py /app/
USER nonroot
HEALTHCHECK --interval=30s --timeout=5s CMD ["python3", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://localhost:8000/health').status == 200 else 1)"]
ENTRYPOINT ["python3", "-m", "gunicorn", "--config", "gunicorn.conf.py", "quayside_app:create_app()"]
'''

"""Table of (key, parser, default) per variable, SystemExit naming the variable, ProxyFix skipped at n=0 and trusting port/prefix too; multiprocessing.cpu_count(), sync+threads, workers as a string, bind as a list; alpine build of wheels installed with --no-index, ENTRYPOINT+CMD with python -m gunicorn --config=.

expect: full marks
"""
# %% your_app
APP_PY = '''
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"

_BOOLEANS = {"1": True, "true": True, "yes": True, "on": True,
             "0": False, "false": False, "no": False, "off": False}


def _whole_number(text):
    if not text.isdecimal() or not text.isascii():
        raise ValueError("expected a whole number, 0 or more")
    return int(text)


def _boolean(text):
    try:
        return _BOOLEANS[text.lower()]
    except KeyError:
        raise ValueError("expected 1/true/yes/on or 0/false/no/off") from None


def _text(text):
    return text


# suffix -> (config key, parser, default; None means required)
SETTINGS = {
    "SECRET_KEY": ("SECRET_KEY", _text, None),
    "TRUSTED_PROXIES": ("TRUSTED_PROXIES", _whole_number, 1),
    "READ_ONLY": ("READ_ONLY", _boolean, False),
}


def _settings_from_environ():
    found = {}
    for suffix, (key, parse, default) in SETTINGS.items():
        name = PREFIX + suffix
        raw = os.environ.get(name, "")
        if raw == "":
            if default is None:
                raise SystemExit(f"configuration error: {name} is required and must not be empty")
            found[key] = default
            continue
        try:
            found[key] = parse(raw)
        except ValueError as exc:
            raise SystemExit(f"configuration error: {name}={raw!r}: {exc}") from None
    return found


def create_app(test_config=None):
    """Build the app from QUAYSIDE_* environment variables, then test_config (task 1); ProxyFix (task 2)."""
    app = Flask(__name__)
    app.config.from_mapping(_settings_from_environ())
    if test_config:
        app.config.from_mapping(test_config)

    hops = int(app.config["TRUSTED_PROXIES"])
    if hops > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops, x_prefix=hops)

    app.register_blueprint(routes)
    return app
'''
# %% your_conf
GUNICORN_CONF = '''
import multiprocessing
import os

# gunicorn.conf.py for the Quayside tracking API.


def _cpus():
    try:
        return multiprocessing.cpu_count()
    except NotImplementedError:
        return 1


bind = ["0.0.0.0:{}".format(os.getenv("PORT", "8000"))]
workers = os.getenv("QUAYSIDE_WORKERS") or str(_cpus() * 2 + 1)
worker_class = "sync"  # with threads > 1 gunicorn runs it as gthread
threads = 4
timeout = 30
graceful_timeout = 8
preload_app = True
accesslog = "-"
errorlog = "-"
'''
# %% your_dockerfile
DOCKERFILE = '''
# syntax=docker/dockerfile:1
FROM python:3.12-alpine AS build
WORKDIR /src
COPY requirements.lock ./
RUN pip install --upgrade pip \\
 && pip wheel --require-hashes --wheel-dir /wheels -r requirements.lock

FROM python:3.12-alpine AS final
RUN addgroup -S quayside && adduser -S -G quayside -H quayside
COPY --from=build /wheels /wheels
COPY requirements.lock /tmp/requirements.lock
RUN pip install --no-cache-dir --no-index --find-links=/wheels -r /tmp/requirements.lock \\
 && rm -rf /wheels /tmp/requirements.lock
WORKDIR /srv/quayside
COPY quayside_app.py quayside_routes.py gunicorn.conf.py ./
USER quayside:quayside
ENV PORT=8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s CMD wget -q -O /dev/null http://127.0.0.1:8000/health || exit 1
ENTRYPOINT ["python", "-m", "gunicorn"]
CMD ["--config=gunicorn.conf.py", "quayside_app:create_app()"]
'''

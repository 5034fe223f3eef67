"""A settings dataclass parsed from a table, ProxyFix always on (port and prefix trusted too), os.sched_getaffinity, sync with threads, alpine with local wheels.

expect: full marks
"""
# %% your_app
APP_PY = '''
import dataclasses
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes

PREFIX = "QUAYSIDE_"


class SettingsError(RuntimeError):
    pass


def parse_bool(name, raw):
    words = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}
    try:
        return words[raw.lower()]
    except KeyError:
        raise SettingsError(f"{name}={raw!r} is not a boolean") from None


def parse_count(name, raw):
    try:
        value = int(raw, 10)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a whole number") from None
    if value < 0 or not raw.strip().isdigit():
        raise SettingsError(f"{name}={raw!r} must be 0 or more")
    return value


@dataclasses.dataclass(frozen=True)
class Settings:
    SECRET_KEY: str
    TRUSTED_PROXIES: int = 1
    READ_ONLY: bool = False

    @classmethod
    def from_environ(cls, environ):
        secret = environ.get(PREFIX + "SECRET_KEY", "")
        if secret == "":
            raise SettingsError(f"set {PREFIX}SECRET_KEY: refusing to start without it")
        values = {"SECRET_KEY": secret}
        table = {"TRUSTED_PROXIES": parse_count, "READ_ONLY": parse_bool}
        for key, parse in table.items():
            raw = environ.get(PREFIX + key)
            if raw is not None:
                values[key] = parse(PREFIX + key, raw)
        return cls(**values)


def create_app(test_config=None):
    settings = Settings.from_environ(os.environ)
    app = Flask(__name__)
    app.config.update(dataclasses.asdict(settings))
    app.config.update(test_config or {})
    n = app.config["TRUSTED_PROXIES"]
    app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_port=n, x_prefix=n)
    app.register_blueprint(routes)
    return app
'''

# %% your_conf
GUNICORN_CONF = '''
import os


def cpu_total():
    return len(os.sched_getaffinity(0)) or 1


def worker_count():
    configured = os.environ.get("QUAYSIDE_WORKERS")
    return configured if configured else 2 * cpu_total() + 1


bind = ["0.0.0.0:{}".format(os.environ.get("PORT", 8000))]
workers = worker_count()
worker_class = "sync"
threads = 4
timeout = 30
graceful_timeout = 8
preload_app = True
accesslog = "-"
errorlog = "-"
'''

# %% your_dockerfile
DOCKERFILE = '''
FROM python:3.12-alpine AS wheels
WORKDIR /build
COPY requirements.lock .
RUN pip install --upgrade pip && pip wheel --require-hashes -r requirements.lock -w /wheels

FROM python:3.12-alpine
COPY --from=wheels /wheels /wheels
RUN pip install --no-index /wheels/* && rm -rf /wheels \\
    && addgroup -S -g 10001 quayside && adduser -S -u 10001 -G quayside quayside
WORKDIR /srv
COPY quayside_app.py quayside_routes.py gunicorn.conf.py /srv/
USER 10001:10001
HEALTHCHECK --interval=15s CMD wget -q -O /dev/null http://127.0.0.1:8000/health || exit 1
ENTRYPOINT ["python", "-m", "gunicorn"]
CMD ["--config", "gunicorn.conf.py", "quayside_app:create_app()"]
'''

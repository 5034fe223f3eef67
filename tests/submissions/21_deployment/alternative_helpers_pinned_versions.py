"""A settings helper per type with KeyError-style messages, ProxyFix only when trusting proxies, os.process_cpu_count when present, pinned package versions and ENV in the old form.

expect: full marks
"""
# %% your_app
APP_PY = '''
import os

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from quayside_routes import routes


class MissingSetting(KeyError):
    def __str__(self):
        return f"missing required environment variable {self.args[0]}"


class BadSetting(ValueError):
    pass


def required_text(name):
    value = os.environ.get(name)
    if not value:
        raise MissingSetting(name)
    return value


def whole_number(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw in ("",) or any(ch not in "0123456789" for ch in raw):
        raise BadSetting(f"{name} should be a whole number >= 0 (got {raw!r})")
    return int(raw)


def flag(name, default):
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.casefold()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise BadSetting(f"{name} should be true/false, yes/no, on/off or 1/0 (got {raw!r})")


def create_app(test_config=None):
    app = Flask(__name__)
    app.config["SECRET_KEY"] = required_text("QUAYSIDE_SECRET_KEY")
    app.config["TRUSTED_PROXIES"] = whole_number("QUAYSIDE_TRUSTED_PROXIES", 1)
    app.config["READ_ONLY"] = flag("QUAYSIDE_READ_ONLY", False)
    if test_config is not None:
        for key, value in test_config.items():
            app.config[key] = value
    if app.config["TRUSTED_PROXIES"] > 0:
        app.wsgi_app = ProxyFix(
            app.wsgi_app,
            x_for=app.config["TRUSTED_PROXIES"],
            x_proto=app.config["TRUSTED_PROXIES"],
            x_host=app.config["TRUSTED_PROXIES"],
        )
    app.register_blueprint(routes)
    return app
'''

# %% your_conf
GUNICORN_CONF = '''
import os

_count = getattr(os, "process_cpu_count", os.cpu_count)()
_cpus = _count if _count else 1

bind = "0.0.0.0:%s" % os.environ.get("PORT", "8000")
workers = int(os.environ["QUAYSIDE_WORKERS"]) if "QUAYSIDE_WORKERS" in os.environ else _cpus * 2 + 1
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
FROM docker.io/library/python:3.12.4-slim as base
ENV PIP_NO_CACHE_DIR 1
RUN python -m pip install --prefix=/install flask==3.1.3 gunicorn==27.0.1

FROM base
COPY --from=base /install /usr/local
RUN groupadd -r app && useradd -r -g app app
WORKDIR /home/app
COPY --chown=app:app quayside_app.py quayside_routes.py gunicorn.conf.py ./
USER app
HEALTHCHECK --start-period=5s CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health').status != 200)"]
CMD ["/usr/local/bin/gunicorn", "-c", "gunicorn.conf.py", "quayside_app:create_app()"]
'''

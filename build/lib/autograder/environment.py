"""Build a candidate's app with the process environment and instance folder under control.

Configuration exercises read ``os.environ`` and an instance folder, both of
which outlive a test cell. These helpers give each check a known environment
and a fresh folder, and put everything back afterwards, whatever happens::

    from autograder import check_app
    from autograder.environment import instance_folder, patched_environ, with_instance_path

    with patched_environ({"STATUS_ENV": "production"}, clear_prefix="STATUS_"):
        with instance_folder({"settings.py": "SECRET_KEY = 'x'"}) as folder:
            app = check_app(with_instance_path(create_app, folder))
"""

from __future__ import annotations

import contextlib
import inspect
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["accepts_keyword", "instance_folder", "patched_environ", "with_instance_path"]


@contextlib.contextmanager
def patched_environ(
    values: Mapping[str, str] | None = None, *, clear_prefix: str | None = None
) -> Iterator[None]:
    """Run a block with ``values`` set in ``os.environ``; restore every variable afterwards.

    Variables whose names start with ``clear_prefix`` are removed first, so a
    variable left behind by the candidate (or the grading machine) cannot change
    what the check sees.
    """
    saved = dict(os.environ)
    try:
        if clear_prefix:
            for name in [n for n in os.environ if n.startswith(clear_prefix)]:
                del os.environ[name]
        os.environ.update(values or {})
        yield
    finally:
        for name in [n for n in os.environ if n not in saved]:
            del os.environ[name]
        for name, value in saved.items():
            if os.environ.get(name) != value:
                os.environ[name] = value


@contextlib.contextmanager
def instance_folder(files: Mapping[str, str] | None = None) -> Iterator[str]:
    """Yield the absolute path of a new temporary folder holding ``files`` (name -> text)."""
    with tempfile.TemporaryDirectory(prefix="flasklab-instance-") as folder:
        for name, text in (files or {}).items():
            Path(folder, name).write_text(text, encoding="utf-8")
        yield os.path.abspath(folder)


def accepts_keyword(function: Callable[..., Any], name: str) -> bool:
    """Tell whether ``function`` can be called with the keyword argument ``name``."""
    try:
        params = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return True
    return any(
        (p.name == name and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY))
        or p.kind is p.VAR_KEYWORD
        for p in params
    )


def with_instance_path(
    factory: Callable[..., Any], instance_path: str | None, *, required: bool = True
) -> Callable[..., Any]:
    """Return ``factory`` as a one-argument factory that passes ``instance_path=`` through.

    With ``required=False`` a factory that takes no ``instance_path`` is returned
    unchanged, so a check of an earlier task still works before the candidate
    has added the parameter.
    """
    if not required and not accepts_keyword(factory, "instance_path"):
        return factory

    def call_with_instance_path(test_config: Any = None) -> Any:
        return factory(test_config, instance_path=instance_path)

    call_with_instance_path.__name__ = getattr(factory, "__name__", "create_app")
    return call_with_instance_path

"""autograder.environment (exercise 03): a known os.environ and a fresh instance folder per check.

(tests/test_environment.py is about environment.yml.)
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import Flask

from autograder import CheckFailed, check_app
from autograder.environment import accepts_keyword, instance_folder, patched_environ, with_instance_path


@pytest.fixture(autouse=True)
def _environ_is_left_as_found(monkeypatch):
    """Whatever a test does, os.environ is put back (monkeypatch restores these names)."""
    for name in ("STATUS_ENV", "STATUS_SITE_NAME", "STATUS_LEFT_BEHIND", "FLASKLAB_OTHER", "STATUS_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)


# -- patched_environ ---------------------------------------------------------------


def test_values_are_set_inside_and_restored_afterwards():
    os.environ["STATUS_ENV"] = "development"
    before = dict(os.environ)
    with patched_environ({"STATUS_ENV": "production", "STATUS_SITE_NAME": "Acme"}):
        assert os.environ["STATUS_ENV"] == "production" and os.environ["STATUS_SITE_NAME"] == "Acme"
    assert dict(os.environ) == before


def test_clear_prefix_hides_variables_left_behind_and_brings_them_back():
    os.environ["STATUS_LEFT_BEHIND"] = "from the candidate's experiments"
    os.environ["FLASKLAB_OTHER"] = "kept"
    with patched_environ({"STATUS_ENV": "testing"}, clear_prefix="STATUS_"):
        assert "STATUS_LEFT_BEHIND" not in os.environ
        assert os.environ["STATUS_ENV"] == "testing"
        assert os.environ["FLASKLAB_OTHER"] == "kept"  # other names are untouched
    assert os.environ["STATUS_LEFT_BEHIND"] == "from the candidate's experiments"
    assert "STATUS_ENV" not in os.environ


def test_what_the_block_changes_is_undone_even_when_it_raises():
    os.environ["STATUS_SITE_NAME"] = "Acme"
    before = dict(os.environ)
    with pytest.raises(RuntimeError):
        with patched_environ({"STATUS_ENV": "production"}):
            # The candidate's factory sets, changes and deletes variables, then fails.
            os.environ["STATUS_SECRET_KEY"] = "set by the app"
            os.environ["STATUS_SITE_NAME"] = "changed by the app"
            del os.environ["STATUS_ENV"]
            raise RuntimeError("the factory failed")
    assert dict(os.environ) == before


def test_a_variable_the_block_deletes_comes_back():
    os.environ["STATUS_SITE_NAME"] = "Acme"
    with patched_environ():
        del os.environ["STATUS_SITE_NAME"]
    assert os.environ["STATUS_SITE_NAME"] == "Acme"


# -- instance_folder -------------------------------------------------------------


def test_instance_folder_is_a_new_absolute_folder_with_the_files_and_is_removed_afterwards():
    with instance_folder({"settings.py": "SITE_NAME = 'Example Corp'\n"}) as folder:
        assert os.path.isabs(folder)
        assert Path(folder, "settings.py").read_text() == "SITE_NAME = 'Example Corp'\n"
        assert os.listdir(folder) == ["settings.py"]
    assert not Path(folder).exists()
    with instance_folder() as empty, instance_folder() as other:
        assert os.listdir(empty) == [] and empty != other


def test_instance_folder_is_removed_when_the_check_fails():
    with pytest.raises(CheckFailed):
        with instance_folder({"settings.py": ""}) as folder:
            raise CheckFailed("a check in the block failed")
    assert not Path(folder).exists()


# -- accepts_keyword and with_instance_path --------------------------------------


def test_accepts_keyword_reads_the_signature():
    def plain(test_config=None, instance_path=None): ...
    def keyword_only(test_config=None, *, instance_path=None): ...
    def any_keyword(test_config=None, **options): ...
    def task1_factory(test_config=None): ...
    def positional_only(test_config=None, instance_path=None, /): ...

    assert accepts_keyword(plain, "instance_path")
    assert accepts_keyword(keyword_only, "instance_path")
    assert accepts_keyword(any_keyword, "instance_path")
    assert not accepts_keyword(task1_factory, "instance_path")
    assert not accepts_keyword(positional_only, "instance_path")
    assert accepts_keyword(dict, "instance_path")  # no signature to read: assume it does


def test_with_instance_path_passes_the_folder_through_and_keeps_the_factorys_name():
    seen = {}

    def create_app(test_config=None, instance_path=None):
        seen.update(test_config=test_config, instance_path=instance_path)
        app = Flask(__name__, instance_path=instance_path)
        app.config.update(test_config or {})
        return app

    with instance_folder() as folder:
        factory = with_instance_path(create_app, folder)
        assert factory.__name__ == "create_app"  # failure messages name the candidate's function
        probe = check_app(factory, {"SITE_NAME": "Test"})
        assert seen == {"test_config": {"TESTING": True, "SITE_NAME": "Test"}, "instance_path": folder}
        assert probe.app.instance_path == folder


def test_an_earlier_tasks_factory_is_left_alone_unless_the_folder_is_required():
    def create_app(test_config=None):
        return Flask(__name__)

    with instance_folder() as folder:
        assert with_instance_path(create_app, folder, required=False) is create_app
        with pytest.raises(CheckFailed) as failure:
            check_app(with_instance_path(create_app, folder))
    message = str(failure.value)
    assert message.startswith('calling create_app({"TESTING": true}) raised an exception:')
    assert "TypeError" in message and "unexpected keyword argument 'instance_path'" in message
    assert "call_with_instance_path" not in message  # our wrapper is not the candidate's code

"""`rjplan db upgrade`, `rjplan user add`, and what `rjplan serve` does before it starts."""

from __future__ import annotations

import gc
import sys
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from service.cli import app, main
from service.cli.serve import prepare
from service.config import Settings
from service.server import GC_THRESHOLDS, from_environment
from service.store.db import current_revision, head_revision, make_engine, session_factory
from service.store.uow import UnitOfWork

DEFAULT_GC_THRESHOLDS = gc.get_threshold()


def test_db_upgrade_migrates_a_new_sqlite_file_and_reports_the_version(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    result = CliRunner().invoke(app, ["db", "upgrade", "--url", url])
    assert result.exit_code == 0, result.output
    assert f"empty -> {head_revision()}" in result.output
    assert current_revision(make_engine(url)) == head_revision()
    assert head_revision() in CliRunner().invoke(app, ["db", "current", "--url", url]).output


def test_user_add_creates_a_user_with_a_hashed_password(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'users.sqlite'}"
    result = CliRunner().invoke(
        app,
        ["user", "add", "sam", "--role", "coordinator", "--url", url],
        env={"RJPLAN_USER_PASSWORD": "a long passphrase"},
    )
    assert result.exit_code == 0, result.output
    with UnitOfWork(session_factory(make_engine(url))) as uow:
        user = uow.users.by_username("sam")
        assert user is not None
        assert user.role == "coordinator"
        assert user.password_hash.startswith("$argon2")


def user_add(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str]:
    """`rjplan user add ARGS` as a user runs it (through main): the exit status and stderr."""
    monkeypatch.setattr(sys, "argv", ["rjplan", "user", "add", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    return int(exit_.value.code or 0), capsys.readouterr().err


def test_a_short_password_is_refused_with_exit_status_2_naming_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'users.sqlite'}"
    monkeypatch.setenv("RJPLAN_USER_PASSWORD", "short")
    code, said = user_add(monkeypatch, capsys, "sam", "--role", "manager", "--url", url)
    assert code == 2
    assert "/password: use a password of at least 12 characters" in said
    assert "Traceback" not in said
    with UnitOfWork(session_factory(make_engine(url))) as uow:
        assert uow.users.by_username("sam") is None


def test_an_unknown_role_is_refused_naming_the_option_before_the_database_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "users.sqlite"
    monkeypatch.setenv("RJPLAN_USER_PASSWORD", "a long passphrase")
    code, said = user_add(
        monkeypatch, capsys, "sam", "--role", "janitor", "--url", f"sqlite:///{database}"
    )
    assert code == 2
    assert (
        "--role: unknown role 'janitor'; use one of admin, coordinator, manager, facilitator"
        in said
    )
    assert not database.exists()


def test_serve_preparation_loads_the_demo_once_into_an_empty_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    settings = Settings(database_url=url, demo_scale="tiny", demo_year=False)
    assert prepare(settings)
    assert prepare(settings)  # a second start finds the data and loads nothing more
    with UnitOfWork(session_factory(make_engine(url))) as uow:
        assert len(uow.users.all()) == 4
    bare = Settings(
        database_url=f"sqlite:///{tmp_path / 'bare.sqlite'}", load_demo_when_empty=False
    )
    assert not prepare(bare)


def test_serve_starts_the_app_by_name_in_one_or_several_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: runs.append((app, kw)))
    monkeypatch.setenv("RJPLAN_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite'}")
    monkeypatch.setenv("RJPLAN_DEMO_SCALE", "tiny")
    monkeypatch.setenv("RJPLAN_DEMO_YEAR", "false")
    for extra in ([], ["--workers", "3", "--port", "8123"]):
        result = CliRunner().invoke(app, ["serve", *extra])
        assert result.exit_code == 0, result.output
    (one, _), (many, options) = runs
    # each worker builds its app from the environment: the CLI never imports the composition
    assert one == many == "service.server:from_environment"
    assert options | {"host": "x"} == {
        "factory": True,
        "workers": 3,
        "host": "x",
        "port": 8123,
        "log_level": "info",
    }
    assert CliRunner().invoke(app, ["serve", "--workers", "0"]).exit_code != 0


def test_the_served_app_has_its_start_up_objects_frozen_out_of_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RJPLAN_DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite'}")
    try:
        assert isinstance(from_environment(), FastAPI)
        assert gc.get_freeze_count() > 0, "start-up objects are frozen (server.ready_to_serve)"
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*DEFAULT_GC_THRESHOLDS)

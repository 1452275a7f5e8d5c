"""Personal details encrypted at rest: the cipher, where its key comes from, the migration that
seals facilitators' names, the rotation to a new key, and the audit of every read."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from alembic import command
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine, MetaData, select, text
from typer.testing import CliRunner

from service.cli import app as cli
from service.server import create_app
from service.store.crypto import Cipher, DataKeyError, parse_keys
from service.store.db import (
    alembic_config,
    current_revision,
    make_engine,
    session_factory,
    upgrade,
)
from service.store.keys import key_file_for, load_cipher, read_key_file
from service.store.rotation import rotate_all, sealed_columns
from service.workflow.auth import Role
from tests.service.builders import a_facilitator, an_old_facilitator_row, logged_in
from tests.service.conftest import TEST_CIPHER, TEST_DATA_KEY, settings_for

OLD, NEW = Cipher.generate_key(), Cipher.generate_key()


@given(st.text(max_size=300))
def test_a_sealed_value_opens_to_itself_and_never_shows_its_text(value: str) -> None:
    sealed = TEST_CIPHER.seal(value)
    assert TEST_CIPHER.open(sealed) == value
    assert len(value) < 4 or value not in sealed


def test_a_value_sealed_under_the_old_key_opens_while_both_keys_are_given_and_rotates_to_the_new():
    sealed = Cipher([OLD.encode()]).seal("Ms A. Example")
    both = Cipher([NEW.encode(), OLD.encode()])
    rotated = both.rotate(sealed)
    assert Cipher([NEW.encode()]).open(rotated) == "Ms A. Example"
    with pytest.raises(DataKeyError, match="cannot be opened"):
        Cipher([NEW.encode()]).open(sealed)


def test_a_malformed_key_is_named_by_its_place_and_never_quoted() -> None:
    with pytest.raises(DataKeyError) as refused:
        parse_keys(f"{NEW}, not-a-key-at-all", "RJPLAN_DATA_KEY")
    assert "key 2 of RJPLAN_DATA_KEY" in str(refused.value)
    assert "not-a-key-at-all" not in str(refused.value)
    with pytest.raises(DataKeyError, match="holds no key"):
        parse_keys(" , ", "RJPLAN_DATA_KEY")


def test_a_sqlite_store_without_a_key_gets_a_key_file_beside_it_readable_only_by_its_owner(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'rjplan.sqlite'}"
    first = load_cipher(url, None)
    assert first.created
    assert first.key_file == tmp_path / "rjplan.sqlite.key" == key_file_for(url)
    assert stat.S_IMODE(os.stat(first.key_file).st_mode) == 0o600
    again = load_cipher(url, None)
    assert not again.created
    assert again.cipher.open(first.cipher.seal("x")) == "x"
    os.chmod(first.key_file, 0o644)
    with pytest.raises(DataKeyError, match="chmod 600"):
        load_cipher(url, None)


def test_postgresql_without_rjplan_data_key_refuses_to_start_and_says_how_to_fix_it() -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    with pytest.raises(DataKeyError, match="rjplan db new-key"):
        load_cipher(url, None)
    assert load_cipher(url, f"{NEW},{OLD}").cipher.key_count == 2


def test_every_sealed_column_is_known_to_the_rotation() -> None:
    columns = {f"{table.name}.{column.name}" for table, column in sealed_columns()}
    assert "facilitators.name" in columns


def _names(engine: Engine) -> dict[str, str | None]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, name FROM facilitators ORDER BY id")).all()
    return dict(rows)


def _facilitators_at_0006(engine: Engine) -> None:
    old = MetaData()
    old.reflect(engine, only=["facilitators"])
    rows = [an_old_facilitator_row("F-1", "Alex Example"), an_old_facilitator_row("F-2")]
    with engine.begin() as conn:
        conn.execute(old.tables["facilitators"].insert(), rows)


def test_migration_0007_seals_the_names_of_a_store_in_use_and_its_downgrade_opens_them(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine, "0006")
        _facilitators_at_0006(engine)
        with pytest.raises(RuntimeError, match="rjplan db"):
            upgrade(engine, "0007")  # no key: refused, nothing changed
        assert _names(engine) == {"F-1": "Alex Example", "F-2": ""}
        upgrade(engine, "0007", cipher=TEST_CIPHER)
        sealed = _names(engine)
        assert "Alex Example" not in str(sealed)
        assert {k: TEST_CIPHER.open_optional(v) for k, v in sealed.items()} == {
            "F-1": "Alex Example",
            "F-2": "",
        }
        command.downgrade(alembic_config(engine, TEST_CIPHER), "0006")
        assert current_revision(engine) == "0006"
        assert _names(engine) == {"F-1": "Alex Example", "F-2": ""}
    finally:
        engine.dispose()


def test_a_facilitator_name_is_stored_sealed_shown_to_staff_and_each_read_is_audited(
    engine: Engine, database_url: str
) -> None:
    with TestClient(create_app(settings_for(database_url))) as client:
        headers = logged_in(client, Role.COORDINATOR)
        client.post(
            "/facilitators", json=a_facilitator("F-1", name="Alex Example"), headers=headers
        )
        assert client.get("/facilitators/F-1", headers=headers).json()["name"] == "Alex Example"
        assert client.get("/facilitators", headers=headers).json()[0]["name"] == "Alex Example"
        audit = client.get("/audit?entity=facilitator", headers=logged_in(client, Role.ADMIN))
    assert "Alex Example" not in str(_names(engine))
    assert "Alex Example" not in audit.text
    reads = [e for e in audit.json() if e["action"] == "read"]
    assert [(e["entity_id"], e["changes"]) for e in reads] == [
        ("F-1", {"fields": ["home", "name"]}),
        ("*", {"fields": ["home", "name"]}),
    ]


def test_rotate_key_re_encrypts_every_sealed_value_so_the_new_key_alone_opens_them(
    engine: Engine,
) -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO facilitators (id, name, home_lat, home_lon, weekly_hours, max_cases, "
                "vetting_expires, active, experienced, avoid_partners, version) VALUES "
                "('F-1', :name, 51.7, 0.4, 6, 3, '2030-01-01', true, true, '[]', 1)"
            ),
            {"name": TEST_CIPHER.seal("Alex Example")},
        )
    both = Cipher([NEW.encode(), TEST_DATA_KEY.encode()])
    with session_factory(engine, both)() as session:
        assert rotate_all(session, both)["facilitators.name"] == 1
        session.commit()
    with engine.connect() as conn:
        sealed = conn.execute(select(text("name")).select_from(text("facilitators"))).scalar_one()
    assert Cipher([NEW.encode()]).open(sealed) == "Alex Example"


def test_the_rotate_key_command_makes_a_new_key_file_key_and_retires_the_old_one(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'rjplan.sqlite'}"
    made = CliRunner().invoke(cli, ["db", "upgrade", "--url", url], env={"RJPLAN_DATA_KEY": ""})
    assert made.exit_code == 0, made.output
    assert "made a new data key" in made.output
    key_file = tmp_path / "rjplan.sqlite.key"
    before = read_key_file(key_file)
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO facilitators (id, name, home_lat, home_lon, weekly_hours, max_cases, "
                "vetting_expires, active, experienced, avoid_partners, version) VALUES "
                "('F-1', :name, 51.7, 0.4, 6, 3, '2030-01-01', 1, 1, '[]', 1)"
            ),
            {"name": Cipher(before).seal("Alex Example")},
        )
    rotated = CliRunner().invoke(
        cli, ["db", "rotate-key", "--new", "--url", url], env={"RJPLAN_DATA_KEY": ""}
    )
    assert rotated.exit_code == 0, rotated.output
    assert "facilitators.name: 1 value(s) re-encrypted" in rotated.output
    after = read_key_file(key_file)
    assert len(after) == 1
    assert after != before
    assert Cipher(after).open(_names(engine)["F-1"] or "") == "Alex Example"
    engine.dispose()

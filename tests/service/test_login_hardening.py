"""Logins under abuse: one account whatever the case of its name, the same hash work for every
username, hashing capped, lockouts per account and per address, and one password policy."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert
from sqlalchemy.exc import IntegrityError
from typer.testing import CliRunner

from scenarios.demo_data import Scale, load_demo
from service.cli import app as cli
from service.clock import FixedClock
from service.server import create_app
from service.store import tables as t
from service.store.db import current_revision, make_engine, session_factory, upgrade
from service.store.uow import UnitOfWork
from service.web import session
from service.workflow import demo
from service.workflow.auth import Role
from service.workflow.passwords import PasswordHashing, password_problem
from tests.service.builders import PASSWORD, a_user, logged_in
from tests.service.conftest import TEST_DATA_KEY, settings_for

START = dt.datetime(2026, 11, 23, 9, 0)


def token(client: TestClient, username: str, password: str = PASSWORD) -> int:
    """The status of a login."""
    body = {"username": username, "password": password}
    return client.post("/auth/token", json=body).status_code


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def frozen(sqlite_url: str, clock: FixedClock) -> Iterator[TestClient]:
    """An API client over a new store, its clock frozen; 3 failures per account, 5 per
    address, in a 10-minute window."""
    engine = make_engine(sqlite_url)
    upgrade(engine)
    engine.dispose()
    settings = settings_for(sqlite_url).model_copy(
        update={
            "login_failures_per_account": 3,
            "login_failures_per_address": 5,
            "login_lockout_minutes": 10,
        }
    )
    with TestClient(create_app(settings, clock), raise_server_exceptions=False) as tc:
        yield tc


# --- one account whatever the case ----------------------------------------------------------


def test_a_username_logs_in_in_any_case_and_cannot_be_taken_again_in_another(
    client: TestClient,
) -> None:
    a_user(client.app, Role.COORDINATOR, "Sam")  # type: ignore[arg-type]
    assert token(client, "sam") == 200
    assert token(client, "SAM") == 200
    admin = logged_in(client, Role.ADMIN)
    body = {"username": "sAm", "password": "another long one", "role": "manager"}
    answer = client.post("/users", json=body, headers=admin)
    assert answer.status_code == 409
    assert "'Sam' exists" in answer.json()["errors"][0]["message"]


def test_the_store_refuses_two_usernames_differing_only_by_case(engine: Engine) -> None:
    row = {"password_hash": "x", "role": "admin", "active": True, "created_at": START}
    with engine.begin() as conn:
        conn.execute(insert(t.User.__table__).values(username="Admin", **row))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(t.User.__table__).values(username="admin", **row))


def test_the_migration_refuses_existing_names_that_differ_only_by_case(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    row = {"password_hash": "x", "role": "admin", "active": True, "created_at": START}
    with engine.begin() as conn:
        for name in ("Admin", "admin", "sam"):
            conn.execute(insert(t.User.__table__).values(username=name, **row))
    with pytest.raises(RuntimeError, match=r"'admin'.*Rename or remove all but one"):
        upgrade(engine, "0009")
    assert current_revision(engine) == "0008"
    with engine.begin() as conn:
        conn.execute(t.User.__table__.delete().where(t.User.username == "Admin"))
    upgrade(engine, "0009")
    assert current_revision(engine) == "0009"
    engine.dispose()


# --- the same hash work, and at most N hashes at once ------------------------------------


class CountingHasher(PasswordHasher):
    """argon2 with the cheapest parameters, counting the verifications it runs."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


def test_a_known_an_unknown_and_a_disabled_user_cost_one_hash_check_each(
    frozen: TestClient,
) -> None:
    app: Any = frozen.app
    hasher = CountingHasher()
    gate = app.state.login_gate
    app.state.login_gate = type(gate)(PasswordHashing(2, hasher), gate.limits)
    a_user(app, Role.MANAGER, "known")
    a_user(app, Role.MANAGER, "gone")
    with UnitOfWork(app.state.sessions) as uow:
        user = uow.users.by_username("gone")
        assert user is not None
        user.active = False
        uow.commit()
    token(frozen, "known", "wrong password!")  # makes the dummy hash first, outside the count
    counts = []
    for name, password in (
        ("known", PASSWORD),
        ("known", "a wrong password"),
        ("nobody-by-this-name", PASSWORD),
        ("gone", PASSWORD),
    ):
        before = hasher.verified
        token(frozen, name, password)
        counts.append(hasher.verified - before)
    assert counts == [1, 1, 1, 1]


def test_no_more_than_the_configured_number_of_hashes_run_at_once() -> None:
    at_once = 0
    most = 0
    lock = threading.Lock()

    class SlowHasher(PasswordHasher):
        def hash(self, password: str | bytes, *, salt: bytes | None = None) -> str:
            nonlocal at_once, most
            with lock:
                at_once += 1
                most = max(most, at_once)
            time.sleep(0.05)
            with lock:
                at_once -= 1
            return "hashed"

    hashing = PasswordHashing(2, SlowHasher())
    threads = [threading.Thread(target=hashing.hash, args=("pw",)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


# --- lockouts ---------------------------------------------------------------------------


def test_an_account_is_locked_after_its_failures_until_the_window_passes(
    frozen: TestClient, clock: FixedClock
) -> None:
    a_user(frozen.app, Role.COORDINATOR, "sam")  # type: ignore[arg-type]
    assert [token(frozen, "sam", "wrong password") for _ in range(3)] == [401, 401, 401]
    clock.advance(dt.timedelta(minutes=4))
    locked = frozen.post("/auth/token", json={"username": "SAM", "password": PASSWORD})
    assert locked.status_code == 429
    assert locked.headers["Retry-After"] == str(6 * 60)
    assert locked.json()["errors"][0]["pointer"] == "/body/username"
    assert "try again in 6 minute(s)" in locked.json()["message"]
    clock.advance(dt.timedelta(minutes=6))
    assert token(frozen, "sam") == 200


def test_a_good_login_clears_the_accounts_failures(frozen: TestClient) -> None:
    a_user(frozen.app, Role.COORDINATOR, "sam")  # type: ignore[arg-type]
    assert [token(frozen, "sam", "wrong password") for _ in range(2)] == [401, 401]
    assert token(frozen, "sam") == 200
    assert [token(frozen, "sam", "wrong password") for _ in range(2)] == [401, 401]
    assert token(frozen, "sam") == 200


def test_an_unknown_username_is_locked_alike_so_locking_tells_nothing(
    frozen: TestClient,
) -> None:
    assert [token(frozen, "nobody", "wrong password") for _ in range(4)] == [401, 401, 401, 429]


def test_an_address_trying_many_usernames_is_locked(frozen: TestClient, clock: FixedClock) -> None:
    a_user(frozen.app, Role.COORDINATOR, "sam")  # type: ignore[arg-type]
    assert [token(frozen, f"guess-{i}", "wrong password") for i in range(5)] == [401] * 5
    assert token(frozen, "sam") == 429  # from this address, even the right password waits
    clock.advance(dt.timedelta(minutes=10, seconds=1))
    assert token(frozen, "sam") == 200


def test_the_sign_in_page_says_how_long_to_wait_with_429(frozen: TestClient) -> None:
    frozen.get("/web/")
    csrf = frozen.cookies.get(session.PRESESSION_COOKIE) or ""
    form = {"username": "sam", "password": "wrong password", "csrf_token": csrf}
    for _ in range(3):
        frozen.post("/web/sign-in", data=form)
    answer = frozen.post("/web/sign-in", data=form)
    assert answer.status_code == 429, answer.text[:300]
    assert answer.headers["Retry-After"] == "600"
    assert "Too many failed logins from this username; try again in 10 minute(s)" in answer.text


# --- the password policy ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pw", "at least 12 characters"),
        ("qwerty123456", "one of the most common"),
        ("QWERTY123456", "one of the most common"),
        ("samuel-jones", "must not be the username"),
        ("x" * 201, "at most 200"),
    ],
)
def test_a_weak_password_is_named_with_what_to_do(password: str, problem: str) -> None:
    assert problem in (password_problem(password, "Samuel-Jones") or "")


def test_an_admin_creating_a_user_with_a_common_password_gets_422_naming_it(
    client: TestClient,
) -> None:
    admin = logged_in(client, Role.ADMIN)
    body = {"username": "new", "password": "1qaz2wsx3edc", "role": "manager"}
    answer = client.post("/users", json=body, headers=admin)
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["pointer"].endswith("/password")
    assert "most common" in answer.json()["errors"][0]["message"]


def test_every_demo_login_meets_the_policy() -> None:
    logins = demo.demo_logins(load_demo(Scale.TINY))
    assert {name: password_problem(pw, name) for name, pw, _, _ in logins} == dict.fromkeys(
        ("admin", "coordinator", "manager", "facilitator")
    )


def test_the_cli_sets_a_new_password_that_meets_the_policy_and_ends_sessions(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'users.sqlite'}"
    env = {"RJPLAN_USER_PASSWORD": "a long passphrase", "RJPLAN_DATA_KEY": TEST_DATA_KEY}
    assert (
        CliRunner()
        .invoke(cli, ["user", "add", "Sam", "--role", "manager", "--url", url], env=env)
        .exit_code
        == 0
    )
    weak = CliRunner().invoke(
        cli,
        ["user", "password", "sam", "--url", url],
        env=env | {"RJPLAN_USER_PASSWORD": "password1234"},
    )
    assert weak.exit_code != 0
    assert "most common" in str(weak.exception)
    strong = CliRunner().invoke(
        cli,
        ["user", "password", "sam", "--url", url],
        env=env | {"RJPLAN_USER_PASSWORD": "a newer passphrase"},
    )
    assert strong.exit_code == 0, strong.output
    assert "new password for Sam" in strong.output
    engine = make_engine(url)
    with UnitOfWork(session_factory(engine)) as uow:
        user = uow.users.by_username("sam")
        assert user is not None
        assert PasswordHashing().verify(user.password_hash, "a newer passphrase")
        assert [e.action for e in uow.audit.search("user", "Sam", limit=5, offset=0)] == [
            "create",
            "set_password",
        ]
    engine.dispose()

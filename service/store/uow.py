"""The unit of work: one transaction, its repositories, and commit or roll back as one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from types import TracebackType
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from service.clock import SYSTEM_CLOCK, Clock
from service.errors import ConflictError
from service.store import repositories as repo
from service.store.crypto import Cipher, DataKeyError
from service.store.fit_history import PastRepository
from service.store.places import PlaceRepository


class CommittedState(NamedTuple):
    """The committed data a unit of work sees (UnitOfWork.committed_state)."""

    database: str  # its URL, password hidden: snapshots are the whole server's
    snapshot: str


class UnitOfWork:
    """Use as `with UnitOfWork(sessions, clock) as uow: ...; uow.commit()`; anything else
    rolls back. `uow.clock` is where the use cases read the time (the system clock unless
    one is given)."""

    session: Session

    def __init__(self, sessions: sessionmaker[Session], clock: Clock = SYSTEM_CLOCK) -> None:
        self._sessions = sessions
        self.clock = clock
        self._one_transaction = False

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.users = repo.UserRepository(self.session)
        self.tokens = repo.TokenRepository(self.session)
        self.login_failures = repo.LoginFailureRepository(self.session)
        self.facilitators = repo.FacilitatorRepository(self.session)
        self.referrals = repo.ReferralRepository(self.session)
        self.cases = repo.CaseRepository(self.session)
        self.pairs = repo.PairRepository(self.session)
        self.proposals = repo.ProposalRepository(self.session)
        self.meetings = repo.MeetingPlanRepository(self.session)
        self.scenario_runs = repo.ScenarioRunRepository(self.session)
        self.leases = repo.LeaseRepository(self.session)
        self.audit = repo.AuditRepository(self.session, self.clock)
        self.settings = repo.SettingRepository(self.session)
        self.volunteers = repo.VolunteerRepository(self.session)
        self.expenses = repo.ExpenseRepository(self.session)
        self.recruits = repo.RecruitRepository(self.session)
        self.surveys = repo.SurveyRepository(self.session)
        self.casefile = repo.CaseFileRepository(self.session)
        self.reviews = repo.ReviewRepository(self.session)
        self.timeline = repo.TimelineRepository(self.session)
        self.places = PlaceRepository(self.session)
        self.past = PastRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.session.rollback()
        self.session.close()
        if isinstance(exc, IntegrityError):
            raise conflict(exc) from None

    @property
    def cipher(self) -> Cipher:
        """The cipher of personal details (given to `session_factory`); a unit of work made
        without one refuses to seal or open anything."""
        cipher = self.session.info.get("cipher")
        if not isinstance(cipher, Cipher):
            raise DataKeyError("this store was opened without a data key (session_factory)")
        return cipher

    def commit(self) -> None:
        """Write everything staged in this unit of work, in one transaction (inside
        `one_transaction`: only send it to the database, to commit at its end)."""
        if self._one_transaction:
            self.session.flush()
            return
        self.session.commit()

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Within, the use cases' commits only flush; the whole is committed at the end, or
        rolled back on an error: a bulk load through the use cases (the demo year) is written
        all or nothing, and in one transaction rather than thousands."""
        self._one_transaction = True
        try:
            yield
        finally:
            self._one_transaction = False
        self.session.commit()

    def refresh_statistics(self) -> None:
        """Have the database re-read its tables' statistics (ANALYZE, on PostgreSQL and SQLite),
        after a bulk load. PostgreSQL's autovacuum analyses a table only after 50 rows plus a
        tenth of it change, so a small service's freshly loaded tables could keep planning as if
        empty: a facilitator's own cases took 0.43 ms in the database so, 0.05 ms analysed."""
        self.session.execute(text("ANALYZE"))

    def flush(self) -> None:
        """Send staged rows to the database without committing (to see constraint errors)."""
        self.session.flush()

    def committed_state(self) -> CommittedState | None:
        """Which committed data this unit of work sees, as a key for a cache of what is derived
        from them: the database (its URL) and, on PostgreSQL, the current snapshot
        (pg_current_snapshot: xmin, xmax and the transactions in progress). Any commit or
        rollback of a transaction that wrote changes the snapshot, so the same state means the
        same data. None, and nothing may be cached, on SQLite (it has no such thing) and once
        this unit of work has written anything (its own changes are not in the snapshot)."""
        bind = self.session.get_bind()
        session = self.session
        if bind.dialect.name != "postgresql" or session.new or session.dirty or session.deleted:
            return None
        snapshot, own = session.execute(
            text("SELECT pg_current_snapshot()::text, pg_current_xact_id_if_assigned()")
        ).one()
        if own is not None:
            return None
        return CommittedState(bind.engine.url.render_as_string(hide_password=True), snapshot)


def conflict(exc: IntegrityError) -> ConflictError:
    """The 409 of a unique constraint that a concurrent request won (two creations of the same
    referral id, two screenings of one referral...): the check before the write passed in both,
    the database kept one. Names the record and its id, never the other values written."""
    table, values = _written(exc)
    ident = next((values[k] for k in ("id", "case_id", "referral_id") if k in values), None)
    what = f"{table} {ident!r}" if ident is not None else f"a {table} row"
    return ConflictError(
        "/body/id" if "id" in values else "",
        f"{what} was written by another request at the same time; read it again",
    )


def _written(exc: IntegrityError) -> tuple[str, dict[str, object]]:
    """The table and the values of the INSERT that failed (named or positional parameters)."""
    statement = exc.statement or ""
    found = re.match(r'\s*INSERT INTO "?(\w+)"? \(([^)]*)\)', statement)
    if found is None:
        return "record", {}
    params = exc.params
    if isinstance(params, dict):
        return found[1], dict(params)
    if isinstance(params, list | tuple) and params and isinstance(params[0], list | tuple | dict):
        params = params[0]  # a batch: the first row names the record well enough
    if isinstance(params, dict):
        return found[1], dict(params)
    columns = [c.strip().strip('"') for c in found[2].split(",")]
    return found[1], dict(zip(columns, params or (), strict=False))

"""Repositories: the only code that writes SQL queries. One class per aggregate."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, and_, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.sql.elements import ColumnElement

from service.clock import Clock
from service.store import tables as t


@dataclass(frozen=True)
class ReminderRows:
    """The columns the volunteer reminders read (VolunteerRepository.reminder_rows): each
    present volunteer's (id, active, started_on, weekly_hours, vetting_expires), and their
    training (facilitator, course, level, completed_on, hours) and checks (facilitator, kind,
    granted_on, expires_on) in the order they were recorded."""

    people: Sequence[tuple[str, bool, dt.date | None, float, dt.date]]
    training: Sequence[tuple[str, str, str, dt.date | None, float]]
    checks: Sequence[tuple[str, str, dt.date | None, dt.date | None]]


class Repository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: t.Base) -> None:
        """Stage a new row for insertion at commit."""
        self.session.add(row)


class UserRepository(Repository):
    def by_username(self, username: str) -> t.User | None:
        """The user with this login name whatever its case ("Admin" is "admin"), or None."""
        lowered = func.lower(t.User.username) == func.lower(username)
        return self.session.scalar(select(t.User).where(lowered))

    def get(self, user_id: int) -> t.User | None:
        """The user with this id, or None."""
        return self.session.get(t.User, user_id)

    def all(self) -> Sequence[t.User]:
        """Every user, by login name."""
        return self.session.scalars(select(t.User).order_by(t.User.username)).all()


class LoginFailureRepository(Repository):
    """Failed logins by subject (a hash: see tables.LoginFailure), for the lockout window."""

    def since(self, subject: str, since: dt.datetime) -> Sequence[dt.datetime]:
        """When `subject` failed since `since`, oldest first."""
        failure = t.LoginFailure
        query = select(failure.failed_at).where(
            failure.subject == subject, failure.failed_at > since
        )
        return self.session.scalars(query.order_by(failure.failed_at)).all()

    def record(self, subjects: Iterable[str], at: dt.datetime) -> None:
        """A failure of each of `subjects` at `at`."""
        self.session.add_all(t.LoginFailure(subject=s, failed_at=at) for s in subjects)

    def forget(self, subject: str | None = None, before: dt.datetime | None = None) -> None:
        """Drop the failures of `subject` (after a good login), or all those before `before`
        (older than any window)."""
        query = delete(t.LoginFailure)
        if subject is not None:
            query = query.where(t.LoginFailure.subject == subject)
        if before is not None:
            query = query.where(t.LoginFailure.failed_at < before)
        self.session.execute(query)


class TokenRepository(Repository):
    def by_hash(self, token_hash: str) -> t.Token | None:
        """The token stored under this hash, or None."""
        return self.session.scalar(select(t.Token).where(t.Token.token_hash == token_hash))

    def revoke_all(self, user_id: int, at: dt.datetime) -> None:
        """Revoke every live token of this user at `at` (a new password ends old sessions)."""
        token = t.Token
        live = (token.user_id == user_id) & token.revoked_at.is_(None)
        self.session.execute(update(token).where(live).values(revoked_at=at))


class FacilitatorRepository(Repository):
    def get(self, fid: str) -> t.Facilitator | None:
        """The facilitator with this id, or None."""
        return self.session.get(t.Facilitator, fid)

    def all(self) -> Sequence[t.Facilitator]:
        """Every facilitator, by id."""
        return self.session.scalars(select(t.Facilitator).order_by(t.Facilitator.id)).all()

    def vetting_lapsing_by(self, day: dt.date) -> dict[str, dt.date]:
        """Facilitator id -> vetting expiry, for those whose vetting lapses on or before `day`
        (one statement: the worklist reads it instead of each person of each pair)."""
        query = select(t.Facilitator.id, t.Facilitator.vetting_expires).where(
            t.Facilitator.vetting_expires <= day
        )
        return dict(self.session.execute(query).all())

    def lock(self, ids: Iterable[str]) -> Sequence[t.Facilitator]:
        """Lock these facilitators' rows until commit (SELECT ... FOR UPDATE; in id order)."""
        query = select(t.Facilitator).where(t.Facilitator.id.in_(sorted(set(ids))))
        return self.session.scalars(query.order_by(t.Facilitator.id).with_for_update()).all()

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are already taken (asked in batches: any number of ids)."""
        return _existing(self.session, t.Facilitator.id, ids)


class ReferralRepository(Repository):
    def get(self, rid: str) -> t.Referral | None:
        """The referral with this id, or None."""
        return self.session.get(t.Referral, rid)

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are already taken (asked in batches: any number of ids)."""
        return _existing(self.session, t.Referral.id, ids)

    def search(
        self, district: str | None, received_from: dt.date | None, limit: int, offset: int
    ) -> Sequence[t.Referral]:
        """Referrals matching the filters, oldest first."""
        query = select(t.Referral)
        if district:
            query = query.where(t.Referral.district == district)
        if received_from:
            query = query.where(t.Referral.received >= received_from)
        query = query.order_by(t.Referral.received, t.Referral.id).limit(limit).offset(offset)
        return self.session.scalars(query).all()

    def latest_decisions(self, ids: Iterable[str]) -> dict[str, t.Decision]:
        """The current (latest) decision of each of these referrals that has one."""
        latest = (
            select(func.max(t.Decision.id))
            .where(t.Decision.referral_id.in_(list(ids)))
            .group_by(t.Decision.referral_id)
        )
        rows = self.session.scalars(select(t.Decision).where(t.Decision.id.in_(latest))).all()
        return {row.referral_id: row for row in rows}


class CaseRepository(Repository):
    def get(self, cid: str) -> t.Case | None:
        """The case with this id, or None."""
        return self.session.get(t.Case, cid)

    def open(self) -> Sequence[t.Case]:
        """Every open case (allocated or not), by id."""
        query = select(t.Case).where(t.Case.status == "open").order_by(t.Case.id)
        return self.session.scalars(query).all()

    def waiting_since(self, ids: Iterable[str]) -> dict[str, dt.date]:
        """Case id -> the day it started waiting: its referral's receipt (the day it was
        stored, for a case with no referral)."""
        query = (
            select(t.Case.id, t.Referral.received, t.Case.created_at)
            .outerjoin(t.Referral, t.Referral.id == t.Case.referral_id)
            .where(t.Case.id.in_(list(ids)))
        )
        return {cid: received or made.date() for cid, received, made in self.session.execute(query)}

    def by_ids(self, ids: Iterable[str]) -> Sequence[t.Case]:
        """These cases, by id."""
        query = select(t.Case).where(t.Case.id.in_(list(ids))).order_by(t.Case.id)
        return self.session.scalars(query).all()


class PairRepository(Repository):
    def get(self, pair_id: int) -> t.Pair | None:
        """The pair with this id, or None."""
        return self.session.get(t.Pair, pair_id)

    def current(self) -> dict[str, t.Pair]:
        """Case id -> its current pair, for every case that has one."""
        rows = self.session.scalars(select(t.Pair).where(t.Pair.ended_on.is_(None))).all()
        return {row.case_id: row for row in rows}

    def current_facilitators(self) -> set[str]:
        """Everyone in a current pair (two columns, not the pairs' rows)."""
        p = t.Pair
        query = select(p.facilitator_a, p.facilitator_b).where(p.ended_on.is_(None))
        return {fid for row in self.session.execute(query) for fid in row}

    def current_of(self, case_id: str) -> t.Pair | None:
        """The case's current pair, or None."""
        query = select(t.Pair).where(t.Pair.case_id == case_id, t.Pair.ended_on.is_(None))
        return self.session.scalar(query)

    def current_for_facilitator(self, fid: str) -> Sequence[t.Pair]:
        """The current pairs this facilitator is in."""
        mine = or_(t.Pair.facilitator_a == fid, t.Pair.facilitator_b == fid)
        query = select(t.Pair).where(t.Pair.ended_on.is_(None), mine).order_by(t.Pair.case_id)
        return self.session.scalars(query).all()

    def history(self, case_id: str) -> Sequence[t.Pair]:
        """Every pair the case has had, oldest first."""
        query = select(t.Pair).where(t.Pair.case_id == case_id).order_by(t.Pair.id)
        return self.session.scalars(query).all()

    def went_well(self) -> Sequence[tuple[str, str]]:
        """The two facilitators of every pair reviewed as having gone well (any case, any time;
        a pair that worked on two cases comes twice)."""
        query = select(t.Pair.facilitator_a, t.Pair.facilitator_b).where(t.Pair.went_well.is_(True))
        return [(a, b) for a, b in self.session.execute(query)]


class ProposalRepository(Repository):
    def get(self, pid: str) -> t.Proposal | None:
        """The proposal with this id, or None."""
        return self.session.get(t.Proposal, pid)

    def recent(self, limit: int, offset: int) -> Sequence[t.Proposal]:
        """Proposals, newest first."""
        query = select(t.Proposal).order_by(t.Proposal.created_at.desc(), t.Proposal.id)
        return self.session.scalars(query.limit(limit).offset(offset)).all()

    def idempotency(self, key: str) -> t.IdempotencyKey | None:
        """The stored first answer for this Idempotency-Key, or None."""
        return self.session.get(t.IdempotencyKey, key)

    def lock_commits(self) -> None:
        """Take the commit lock: a write first, so commits run one at a time on any backend."""
        lock = t.CommitLock
        self.session.execute(update(lock).where(lock.id == 1).values(commits=lock.commits + 1))


class AuditRepository(Repository):
    def __init__(self, session: Session, clock: Clock) -> None:
        super().__init__(session)
        self.clock = clock

    def record(
        self, actor: str, action: str, entity: str, entity_id: str, changes: dict[str, Any]
    ) -> None:
        """Append one entry. There is deliberately no method to change or remove entries."""
        self.session.add(
            t.AuditEntry(
                at=self.clock.now(),
                actor=actor,
                action=action,
                entity=entity,
                entity_id=entity_id,
                changes=changes,
            )
        )

    def search(
        self, entity: str | None, entity_id: str | None, limit: int, offset: int
    ) -> Sequence[t.AuditEntry]:
        """Entries matching the filters, oldest first."""
        query = select(t.AuditEntry)
        if entity:
            query = query.where(t.AuditEntry.entity == entity)
        if entity_id:
            query = query.where(t.AuditEntry.entity_id == entity_id)
        query = query.order_by(t.AuditEntry.id).limit(limit).offset(offset)
        return self.session.scalars(query).all()

    def filtered(
        self,
        equal: dict[str, str],
        after: dt.datetime | None,
        before: dt.datetime | None,
        newest_first: bool,
        limit: int,
        offset: int,
    ) -> Sequence[t.AuditEntry]:
        """Entries whose columns (actor, action, entity, entity_id) equal `equal`'s values, at
        or after `after` and before `before` (naive UTC), oldest or newest first."""
        entry = t.AuditEntry
        columns = {
            "actor": entry.actor,
            "action": entry.action,
            "entity": entry.entity,
            "entity_id": entry.entity_id,
        }
        query = select(entry).where(*(columns[k] == v for k, v in equal.items()))
        if after is not None:
            query = query.where(entry.at >= after)
        if before is not None:
            query = query.where(entry.at < before)
        order = entry.id.desc() if newest_first else entry.id
        return self.session.scalars(query.order_by(order).limit(limit).offset(offset)).all()


class SettingRepository(Repository):
    def get(self, key: str) -> str | None:
        """A stored service setting, or None."""
        row = self.session.get(t.ServiceSetting, key)
        return row.value if row else None

    def put(self, key: str, value: str) -> str | None:
        """Store a setting; returns the previous value."""
        row = self.session.get(t.ServiceSetting, key)
        if row is None:
            self.session.add(t.ServiceSetting(key=key, value=value))
            return None
        previous, row.value = row.value, value
        return previous


class MeetingPlanRepository(Repository):
    def get(self, plan_id: str) -> t.MeetingPlan | None:
        """The meetings plan with this id, or None."""
        return self.session.get(t.MeetingPlan, plan_id)

    def recent(self, limit: int, offset: int) -> Sequence[t.MeetingPlan]:
        """Meetings plans, newest first."""
        query = select(t.MeetingPlan).order_by(t.MeetingPlan.created_at.desc(), t.MeetingPlan.id)
        return self.session.scalars(query.limit(limit).offset(offset)).all()

    def latest_committed(self) -> t.MeetingPlan | None:
        """The plan committed last (the one calendars show), or None."""
        query = select(t.MeetingPlan).where(t.MeetingPlan.status == "committed")
        order = (t.MeetingPlan.committed_at.desc(), t.MeetingPlan.id.desc())
        return self.session.scalar(query.order_by(*order).limit(1))

    def idempotency(self, key: str) -> t.MeetingPlanKey | None:
        """The stored first answer for this Idempotency-Key, or None."""
        return self.session.get(t.MeetingPlanKey, key)


class ScenarioRunRepository(Repository):
    """Scenario runs. A run changes status only by a compare-and-set on its current status, so
    the job runner and a cancelling manager can never both win."""

    def get(self, run_id: str) -> t.ScenarioRun | None:
        """The run with this id (result and report loaded only when read), or None."""
        return self.session.get(t.ScenarioRun, run_id)

    def recent(self, limit: int, offset: int) -> Sequence[t.ScenarioRun]:
        """Runs, newest first (without their result or report)."""
        run = t.ScenarioRun
        query = select(run).order_by(run.created_at.desc(), run.id.desc())
        return self.session.scalars(query.limit(limit).offset(offset)).all()

    def with_status(self, status: str) -> Sequence[t.ScenarioRun]:
        """Runs in this status, oldest first."""
        run = t.ScenarioRun
        query = select(run).where(run.status == status).order_by(run.created_at, run.id)
        return self.session.scalars(query).all()

    def move(self, run_id: str, before: str, **values: Any) -> bool:
        """Set `values` (status among them) on the run only while its status is `before`;
        True when it was, so this caller made the change."""
        run = t.ScenarioRun
        query = update(run).where(run.id == run_id, run.status == before).values(**values)
        moved: int = self.session.execute(query).rowcount  # type: ignore[attr-defined]
        return moved == 1


class LeaseRepository(Repository):
    """Named leases (runner_leases): held by one holder until they expire. Every change is a
    compare-and-set in one statement, so two processes can never both hold one."""

    def renew(self, name: str, holder: str, now: dt.datetime, until: dt.datetime) -> bool:
        """Extend the lease while `holder` holds it; True when it did."""
        lease = t.RunnerLease
        query = (
            update(lease)
            .where(lease.name == name, lease.holder == holder, lease.expires_at > now)
            .values(heartbeat_at=now, expires_at=until)
        )
        return self._changed(query)

    def take(self, name: str, holder: str, now: dt.datetime, until: dt.datetime) -> bool:
        """Take the lease when it has expired (or was released); True when this holder got
        it. A missing row is made (and then this holder has it)."""
        lease = t.RunnerLease
        values = {"holder": holder, "acquired_at": now, "heartbeat_at": now, "expires_at": until}
        query = update(lease).where(lease.name == name, lease.expires_at <= now).values(**values)
        if self._changed(query):
            return True
        if self.session.get(lease, name) is not None:
            return False
        try:
            with self.session.begin_nested():
                self.session.add(lease(name=name, **values))
        except IntegrityError:  # another process made it first
            return False
        return True

    def release(self, name: str, holder: str, now: dt.datetime) -> None:
        """Let the lease go at once (a clean stop), if this holder still has it."""
        lease = t.RunnerLease
        query = update(lease).where(lease.name == name, lease.holder == holder)
        self.session.execute(query.values(expires_at=now))

    def _changed(self, query: Any) -> bool:
        changed: int = self.session.execute(query).rowcount  # type: ignore[attr-defined]
        return changed == 1


# --- Volunteers -----------------------------------------------------------------------------


class VolunteerRepository(Repository):
    """Volunteers' records beyond the facilitator row: policy, supervision, hours, case days."""

    def policy(self) -> t.VolunteerPolicyRecord | None:
        """The volunteer policy set last, or None (the defaults apply)."""
        row = t.VolunteerPolicyRecord
        return self.session.scalar(select(row).order_by(row.id.desc()).limit(1))

    def supervisions(self, fid: str) -> Sequence[t.Supervision]:
        """The facilitator's supervisions, newest first."""
        s = t.Supervision
        query = select(s).where(s.facilitator_id == fid).order_by(s.held_on.desc(), s.id.desc())
        return self.session.scalars(query).all()

    def last_supervisions(self) -> dict[str, dt.date]:
        """Facilitator id -> the day of their latest supervision, for everyone supervised."""
        s = t.Supervision
        query = select(s.facilitator_id, func.max(s.held_on)).group_by(s.facilitator_id)
        return {str(fid): day for fid, day in self.session.execute(query)}

    def hours(self, fid: str, first: dt.date, last: dt.date) -> Sequence[t.HoursEntry]:
        """The facilitator's hours worked between `first` and `last` inclusive, by day."""
        h = t.HoursEntry
        query = select(h).where(h.facilitator_id == fid, h.worked_on.between(first, last))
        return self.session.scalars(query.order_by(h.worked_on, h.id)).all()

    def hours_by_facilitator(self, first: dt.date, last: dt.date) -> dict[str, float]:
        """Facilitator id -> hours worked between `first` and `last` inclusive."""
        h = t.HoursEntry
        query = (
            select(h.facilitator_id, func.sum(h.hours))
            .where(h.worked_on.between(first, last))
            .group_by(h.facilitator_id)
        )
        return {fid: float(total) for fid, total in self.session.execute(query)}

    def reminder_rows(self, day: dt.date) -> ReminderRows:
        """What the volunteer reminders read of those who have not left by `day`, as plain
        columns in three statements: no names to unseal, no absences, no ORM objects."""
        f, tr, ch = t.Facilitator, t.TrainingRecord, t.CheckRecord
        present = or_(f.left_on.is_(None), f.left_on > day)
        people = select(f.id, f.active, f.started_on, f.weekly_hours, f.vetting_expires)
        training = select(tr.facilitator_id, tr.course, tr.level, tr.completed_on, tr.hours)
        checks = select(ch.facilitator_id, ch.kind, ch.granted_on, ch.expires_on)
        return ReminderRows(
            people=self.session.execute(people.where(present).order_by(f.id)).tuples().all(),
            training=self.session.execute(
                training.join(f, f.id == tr.facilitator_id).where(present).order_by(tr.id)
            )
            .tuples()
            .all(),
            checks=self.session.execute(
                checks.join(f, f.id == ch.facilitator_id).where(present).order_by(ch.id)
            )
            .tuples()
            .all(),
        )

    def last_case_days(self) -> dict[str, dt.date]:
        """Facilitator id -> the last day they were on a case that has ended (pairs ended)."""
        p = t.Pair
        days: dict[str, dt.date] = {}
        for column in (p.facilitator_a, p.facilitator_b):
            query = select(column, func.max(p.ended_on)).where(p.ended_on.is_not(None))
            for fid, day in self.session.execute(query.group_by(column)):
                if day is not None:
                    days[fid] = max(day, days.get(fid, day))
        return days


class ExpenseRepository(Repository):
    def get(self, claim_id: int) -> t.ExpenseClaim | None:
        """The claim with this id, or None."""
        return self.session.get(t.ExpenseClaim, claim_id)

    def search(
        self, fid: str | None, status: str | None, limit: int, offset: int
    ) -> Sequence[t.ExpenseClaim]:
        """Claims matching the filters, newest first."""
        c = t.ExpenseClaim
        query = select(c)
        if fid:
            query = query.where(c.facilitator_id == fid)
        if status:
            query = query.where(c.status == status)
        query = query.order_by(c.submitted_at.desc(), c.id.desc()).limit(limit).offset(offset)
        return self.session.scalars(query).all()


class SurveyRepository(Repository):
    """The volunteer survey's rounds, who answered, and the answers as counts (never a row
    per response: see service.workflow.survey)."""

    def get(self, round_id: int) -> t.SurveyRound | None:
        """The round with this id, or None."""
        return self.session.get(t.SurveyRound, round_id)

    def rounds(self) -> Sequence[t.SurveyRound]:
        """Every round, newest first."""
        r = t.SurveyRound
        return self.session.scalars(select(r).order_by(r.id.desc())).all()

    def open_round(self) -> t.SurveyRound | None:
        """The round open now (not closed), or None."""
        r = t.SurveyRound
        query = select(r).where(r.closed_on.is_(None)).order_by(r.id.desc()).limit(1)
        return self.session.scalar(query)

    def has_answered(self, round_id: int, fid: str) -> bool:
        """Whether this facilitator has answered this round."""
        return self.session.get(t.SurveyResponder, (round_id, fid)) is not None

    def answered(self, round_id: int) -> int:
        """How many have answered this round."""
        query = select(func.count()).where(t.SurveyResponder.round_id == round_id)
        return int(self.session.scalar(query) or 0)

    def asks(self, round_id: int, chosen: Mapping[str, str]) -> int:
        """How many of the chosen (question, answer) pairs this round has a count for."""
        s = t.SurveyTally
        query = select(func.count()).where(s.round_id == round_id, _picked(chosen))
        return int(self.session.scalar(query) or 0)

    def add_answers(self, round_id: int, chosen: Mapping[str, str]) -> None:
        """Add one to the count of each chosen answer, in the database (two answers at the
        same time both count). Every count of the round is rewritten by the one statement (the
        others plus 0), so every row has the same last writer: not even PostgreSQL's row
        versions (xmin) tell which counts this answer moved."""
        s = t.SurveyTally
        bump = case((_picked(chosen), 1), else_=0)
        self.session.execute(update(s).where(s.round_id == round_id).values(count=s.count + bump))


def _picked(chosen: Mapping[str, str]) -> ColumnElement[bool]:
    s = t.SurveyTally
    return or_(*(and_(s.question == q, s.answer == a) for q, a in chosen.items()))


class RecruitRepository(Repository):
    def get(self, rid: str) -> t.Recruit | None:
        """The recruit with this id, or None."""
        return self.session.get(t.Recruit, rid)

    def all(self) -> Sequence[t.Recruit]:
        """Every recruit with their stages, by id."""
        return self.session.scalars(select(t.Recruit).order_by(t.Recruit.id)).all()

    def of_facilitator(self, fid: str) -> t.Recruit | None:
        """The recruit who became this facilitator, or None."""
        return self.session.scalar(select(t.Recruit).where(t.Recruit.facilitator_id == fid))


class CaseFileRepository(Repository):
    """The case file's records: parties, contacts, outcome, agreement, feedback, reviews."""

    def of_case(self, model: type[Any], case_id: str) -> Sequence[Any]:
        """Every row of a case-file table for this case, in the order written."""
        query = select(model).where(model.case_id == case_id).order_by(model.id)
        return self.session.scalars(query).all()

    def of_cases(self, model: type[Any], case_ids: Iterable[str]) -> Sequence[Any]:
        """Every row of a case-file table for these cases, by case then order written."""
        query = select(model).where(model.case_id.in_(list(case_ids)))
        return self.session.scalars(query.order_by(model.case_id, model.id)).all()

    def columns_of_cases(
        self, model: type[Any], columns: Sequence[Any], case_ids: Iterable[str]
    ) -> Sequence[Row[Any]]:
        """These columns of every row of a case-file table for these cases, in the order of
        `of_cases`: plain rows, so no sealed column is opened unless asked for (the worklist's
        timelines read a few columns of every contact of every open case)."""
        query = select(*columns).where(model.case_id.in_(list(case_ids)))
        return self.session.execute(query.order_by(model.case_id, model.id)).all()

    def party(self, party_id: int) -> t.Party | None:
        """The party with this id, or None."""
        return self.session.get(t.Party, party_id)

    def outcome(self, case_id: str) -> t.CaseOutcome | None:
        """The recorded outcome of a closed case, or None."""
        return self.session.get(t.CaseOutcome, case_id)

    def action(self, action_id: int) -> t.AgreementAction | None:
        """The agreement action with this id, or None."""
        return self.session.get(t.AgreementAction, action_id)

    def complaint(self, complaint_id: int) -> t.Complaint | None:
        """The complaint with this id, or None."""
        return self.session.get(t.Complaint, complaint_id)

    def open_actions_due_by(self, day: dt.date) -> Sequence[t.AgreementAction]:
        """Agreement actions not done, due on or before `day`, by due day."""
        query = select(t.AgreementAction).where(
            t.AgreementAction.done_on.is_(None), t.AgreementAction.due <= day
        )
        return self.session.scalars(query.order_by(t.AgreementAction.due)).all()

    def closed_before(self, day: dt.date) -> Sequence[str]:
        """Ids of the cases closed before `day` (retention: their personal details are due)."""
        query = select(t.Case.id).where(t.Case.status == "closed", t.Case.closed_on < day)
        return self.session.scalars(query.order_by(t.Case.id)).all()

    def all_parties(self) -> Sequence[t.Party]:
        """Every party of every case (subject access looks for one person among them)."""
        return self.session.scalars(select(t.Party).order_by(t.Party.id)).all()

    def contact(self, contact_id: int) -> t.Contact | None:
        """The contact with this id, or None."""
        return self.session.get(t.Contact, contact_id)

    def case_ids_with_clocks(self, closed_since: dt.date) -> Sequence[str]:
        """Open cases, and cases closed on or after `closed_since` (their clocks may still run)."""
        query = select(t.Case.id).where(
            or_(t.Case.status == "open", t.Case.closed_on >= closed_since)
        )
        return self.session.scalars(query.order_by(t.Case.id)).all()


class ReviewRepository(Repository):
    def get(self, referral_id: str) -> t.ReferralReview | None:
        """When a held referral is to be reviewed, or None."""
        return self.session.get(t.ReferralReview, referral_id)

    def due_by(self, day: dt.date) -> Sequence[t.ReferralReview]:
        """Reviews due on or before `day`, by day."""
        query = select(t.ReferralReview).where(t.ReferralReview.review_on <= day)
        return self.session.scalars(query.order_by(t.ReferralReview.review_on)).all()


class TimelineRepository(Repository):
    """The few columns a case's timeline needs, for many cases at once (the worklist)."""

    def received(self, referral_ids: Iterable[str]) -> dict[str, dt.date]:
        """Referral id -> the day it was received."""
        query = select(t.Referral.id, t.Referral.received).where(
            t.Referral.id.in_(list(referral_ids))
        )
        return dict(self.session.execute(query).all())

    def decisions(self, referral_ids: Iterable[str]) -> Sequence[tuple[str, str, dt.datetime]]:
        """(referral id, outcome, decided at) of every decision on these referrals, in order."""
        query = select(t.Decision.referral_id, t.Decision.outcome, t.Decision.decided_at).where(
            t.Decision.referral_id.in_(list(referral_ids))
        )
        return [(r, o, at) for r, o, at in self.session.execute(query.order_by(t.Decision.id))]

    def pair_starts(self, case_ids: Iterable[str]) -> Sequence[tuple[str, dt.date]]:
        """(case id, started on) of every pair these cases have had."""
        query = select(t.Pair.case_id, t.Pair.started_on).where(t.Pair.case_id.in_(list(case_ids)))
        return [(c, d) for c, d in self.session.execute(query.order_by(t.Pair.id))]


BATCH = 1_000
"""Ids a query binds at most: PostgreSQL takes 65,535 parameters in one statement."""


def _existing(session: Session, column: InstrumentedAttribute[str], ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(wanted), BATCH):
        batch = wanted[start : start + BATCH]
        found.update(session.scalars(select(column).where(column.in_(batch))).all())
    return found

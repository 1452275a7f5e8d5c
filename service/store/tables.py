"""SQLAlchemy 2 tables of the service. Kept apart from the domain models and the API schemas.

Columns marked PERSONAL hold personal information (PROTECT): they never go to logs, and the
audit log records that they changed, not their values. Those with `info=SEALED` hold it
encrypted (service.store.crypto: sealed and opened by the workflow with `uow.cipher`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from service.store.crypto import SEALED

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PERSONAL_COLUMNS = frozenset(
    {
        "name",
        "home_outcode",
        "home_lat",
        "home_lon",
        "password_hash",
        "left_reason",
        "description",
        "note",
    }
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[Any]: JSON,
        dt.datetime: DateTime(),
        dt.date: Date(),
    }


class User(Base):
    """A login. Usernames are one account whatever their case ("Admin" is "admin"): unique on
    lower(username), and looked up the same way (UserRepository.by_username)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    facilitator_id: Mapped[str | None] = mapped_column(ForeignKey("facilitators.id"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime]


class Token(Base):
    """A login token, stored as its SHA-256 hash; revoked or expired tokens are refused."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


Index("uq_users_username_lower", func.lower(User.username), unique=True)


class LoginFailure(Base):
    """A failed login, kept for the lockout window (service.workflow.login_limits). `subject`
    is a SHA-256 of "account:<username lowercased>" or "ip:<address>": the store keeps no
    address and no mistyped name (people type their password in the username box)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_subject_at", "subject", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[dt.datetime] = mapped_column(index=True)


class RunnerLease(Base):
    """Who runs the scenario runs of this database: one row per runner name, held by one
    process (`holder`) until `expires_at`; the holder renews it (`heartbeat_at`) while alive,
    and another process takes it over once it has expired (service.workflow.scenario_jobs)."""

    __tablename__ = "runner_leases"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    acquired_at: Mapped[dt.datetime]
    heartbeat_at: Mapped[dt.datetime]
    expires_at: Mapped[dt.datetime]


class Facilitator(Base):
    __tablename__ = "facilitators"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    home_outcode: Mapped[str | None] = mapped_column(String(8))  # PERSONAL
    home_lat: Mapped[float]  # PERSONAL
    home_lon: Mapped[float]  # PERSONAL
    district: Mapped[str | None] = mapped_column(String(64))
    weekly_hours: Mapped[float]
    max_cases: Mapped[int]
    vetting_expires: Mapped[dt.date] = mapped_column(index=True)  # the worklist's lapses (0014)
    active: Mapped[bool] = mapped_column(default=True)
    experienced: Mapped[bool] = mapped_column(default=False)
    max_travel_km: Mapped[float | None]
    avoid_partners: Mapped[list[Any]] = mapped_column(default=list)
    version: Mapped[int] = mapped_column(default=1)
    started_on: Mapped[dt.date | None]
    left_on: Mapped[dt.date | None]
    left_reason: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed

    # skills are derived from these (rules.volunteering.derived_skills), never stored
    training: Mapped[list[TrainingRecord]] = relationship(
        cascade="all, delete-orphan", order_by="TrainingRecord.id", lazy="selectin"
    )
    checks: Mapped[list[CheckRecord]] = relationship(
        cascade="all, delete-orphan", order_by="CheckRecord.id", lazy="selectin"
    )
    absences: Mapped[list[Absence]] = relationship(
        cascade="all, delete-orphan", order_by="Absence.start", lazy="selectin"
    )


class Absence(Base):
    """A window (inclusive days) when a facilitator cannot take work."""

    __tablename__ = "absences"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    start: Mapped[dt.date]
    end: Mapped[dt.date]
    reason: Mapped[str] = mapped_column(String(32), default="unavailable")


class Referral(Base):
    __tablename__ = "referrals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    received: Mapped[dt.date] = mapped_column(index=True)
    district: Mapped[str] = mapped_column(String(64), index=True)
    document: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class Decision(Base):
    """A screening decision with its reasons; the latest one per referral is current."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    policy: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    document: Mapped[dict[str, Any]]
    decided_at: Mapped[dt.datetime]
    decided_by: Mapped[str] = mapped_column(String(64))


class Case(Base):
    """A case that needs or has a pair of facilitators; its pair lives in `pairs`. Status is
    open, or closed (with the day and outcome; a closed case never has a current pair)."""

    __tablename__ = "cases"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    referral_id: Mapped[str | None] = mapped_column(ForeignKey("referrals.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    district: Mapped[str | None] = mapped_column(String(64))
    outcode: Mapped[str | None] = mapped_column(String(8))
    lat: Mapped[float]
    lon: Mapped[float]
    requires_both: Mapped[list[Any]] = mapped_column(default=list)
    requires_either: Mapped[list[Any]] = mapped_column(default=list)
    hours: Mapped[float]
    priority: Mapped[int] = mapped_column(default=1)
    prison_name: Mapped[str | None] = mapped_column(String(100))
    prison_lat: Mapped[float | None]
    prison_lon: Mapped[float | None]
    created_at: Mapped[dt.datetime]
    version: Mapped[int] = mapped_column(default=1)
    closed_on: Mapped[dt.date | None] = mapped_column(index=True)  # the worklist's clocks (0014)
    outcome: Mapped[str | None] = mapped_column(String(32))


class Pair(Base):
    """Two facilitators on a case from `started_on`; `ended_on` set when the pair changed or
    the case closed. `went_well` is a coordinator's review of the pairing (None: not reviewed)."""

    __tablename__ = "pairs"
    __table_args__ = (
        Index("ix_pairs_current", "case_id", "ended_on"),
        # the current pairs only (0014): the worklist and the proposals read every current pair,
        # and the ended ones pile up year after year
        Index(
            "ix_pairs_open",
            "case_id",
            postgresql_where=text("ended_on IS NULL"),
            sqlite_where=text("ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    facilitator_a: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    facilitator_b: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    started_on: Mapped[dt.date]
    ended_on: Mapped[dt.date | None]
    proposal_id: Mapped[str | None] = mapped_column(ForeignKey("proposals.id"))
    end_reason: Mapped[str | None] = mapped_column(String(200))
    went_well: Mapped[bool | None]
    reviewed_by: Mapped[str | None] = mapped_column(String(64))
    reviewed_at: Mapped[dt.datetime | None]


class Proposal(Base):
    """An allocator proposal: its problem, result, coordinator controls and input fingerprint."""

    __tablename__ = "proposals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    parent_id: Mapped[str | None] = mapped_column(String(36))
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    as_of: Mapped[dt.date]
    fingerprint: Mapped[str] = mapped_column(String(64))
    problem: Mapped[dict[str, Any]]
    current_pairs: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any]]
    controls: Mapped[dict[str, Any]]
    solve_options: Mapped[dict[str, Any] | None]  # how it was solved (None: before 0005)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    committed_at: Mapped[dt.datetime | None]
    committed_by: Mapped[str | None] = mapped_column(String(64))


class IdempotencyKey(Base):
    """The first answer to a commit sent with an Idempotency-Key, repeated on a retry."""

    __tablename__ = "idempotency_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    proposal_id: Mapped[str] = mapped_column(ForeignKey("proposals.id"))
    status_code: Mapped[int]
    response: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class AuditEntry(Base):
    """Append-only: who changed what, when. Database triggers refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32), index=True)
    entity_id: Mapped[str] = mapped_column(String(64))
    changes: Mapped[dict[str, Any]]


class ServiceSetting(Base):
    """Service-wide settings a manager may change, e.g. the screening policy in force."""

    __tablename__ = "service_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class CommitLock(Base):
    """One row; every commit updates it first, so commits are serialised on every backend."""

    __tablename__ = "commit_lock"

    id: Mapped[int] = mapped_column(primary_key=True)
    commits: Mapped[int] = mapped_column(default=0)


class MeetingPlan(Base):
    """A meetings plan for the committed pairs: its input, schedule (rjplan.meetings/1) and
    fingerprint; `proposed` until a coordinator commits it. The latest committed plan feeds
    the facilitators' calendars."""

    __tablename__ = "meeting_plans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="proposed", index=True)
    as_of: Mapped[dt.date]
    fingerprint: Mapped[str] = mapped_column(String(64))
    problem: Mapped[dict[str, Any]]
    schedule: Mapped[dict[str, Any]]
    party_locations: Mapped[dict[str, Any] | None]  # case -> role -> party or case (0010)
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    committed_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    committed_by: Mapped[str | None] = mapped_column(String(64))


class MeetingPlanKey(Base):
    """The first answer to a meetings-plan commit sent with an Idempotency-Key."""

    __tablename__ = "meeting_plan_keys"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    plan_id: Mapped[str] = mapped_column(ForeignKey("meeting_plans.id"))
    response: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class ScenarioRun(Base):
    """A what-if scenario run started from the service: the resolved scenario it runs (so it
    can be run again), its progress as replicates finish, and the run document (format
    rjplan.scenario-run/1) and HTML report once done. Status: queued, running, done, failed or
    cancelled; only the job runner moves a run out of `running` unless it is cancelled."""

    __tablename__ = "scenario_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    scenario: Mapped[str] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(16))
    document: Mapped[dict[str, Any]]
    source_yaml: Mapped[str | None] = mapped_column(Text)
    fitted: Mapped[dict[str, Any] | None]
    replicates: Mapped[int]
    seed: Mapped[int] = mapped_column(BigInteger)
    done: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(index=True)
    created_by: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[dt.datetime | None]
    finished_at: Mapped[dt.datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any] | None]
    result: Mapped[dict[str, Any] | None] = mapped_column(deferred=True)
    report: Mapped[str | None] = mapped_column(Text, deferred=True)


# --- Volunteers: their training, checks, supervision, hours, expenses and recruitment -------


class TrainingRecord(Base):
    """A course a facilitator completed (models.volunteers.TrainingEvent); skills are derived
    from these. `completed_on` is None only for training declared undated at registration."""

    __tablename__ = "training_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    course: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    provider: Mapped[str] = mapped_column(String(200), default="")
    completed_on: Mapped[dt.date | None]
    hours: Mapped[float] = mapped_column(default=0.0)
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]


class CheckRecord(Base):
    """A security check granted (force vetting, national security vetting, prison clearance);
    with no `expires_on`, it lapses the policy's period after `granted_on`."""

    __tablename__ = "vetting_checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    granted_on: Mapped[dt.date | None]
    expires_on: Mapped[dt.date | None]
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]


class Supervision(Base):
    """A supervision a facilitator had: individual or group, held by a member of staff."""

    __tablename__ = "supervisions"
    __table_args__ = (Index("ix_supervisions_facilitator_held", "facilitator_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"))
    held_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))
    supervisor: Mapped[str] = mapped_column(String(100))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]


class HoursEntry(Base):
    """Hours a facilitator worked on a day, on a case or on something else."""

    __tablename__ = "volunteer_hours"
    __table_args__ = (Index("ix_volunteer_hours_facilitator_day", "facilitator_id", "worked_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"))
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    worked_on: Mapped[dt.date]
    hours: Mapped[float]
    activity: Mapped[str] = mapped_column(String(16))
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]


class ExpenseClaim(Base):
    """A claim for mileage (miles at the rate in force when submitted) or another cost, in
    pence. Status: submitted, then approved or rejected by staff, then paid."""

    __tablename__ = "expense_claims"

    id: Mapped[int] = mapped_column(primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), index=True)
    case_id: Mapped[str | None] = mapped_column(ForeignKey("cases.id"))
    incurred_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))
    miles: Mapped[float | None]
    pence_per_mile: Mapped[int | None]
    amount_pence: Mapped[int]
    description: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    status: Mapped[str] = mapped_column(String(16), default="submitted", index=True)
    submitted_by: Mapped[str] = mapped_column(String(64))
    submitted_at: Mapped[dt.datetime]
    decided_by: Mapped[str | None] = mapped_column(String(64))
    decided_at: Mapped[dt.datetime | None]
    paid_by: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[dt.datetime | None]


class SurveyRound(Base):
    """A round of the anonymous volunteer survey, opened and closed by a manager. Its answers
    are kept so that they cannot be linked to anyone (service.workflow.survey)."""

    __tablename__ = "survey_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    opened_on: Mapped[dt.date]
    opened_by: Mapped[str] = mapped_column(String(64))
    closed_on: Mapped[dt.date | None]
    closed_by: Mapped[str | None] = mapped_column(String(64))


class SurveyResponder(Base):
    """That a facilitator has answered a round (so they answer at most once): the round and
    the facilitator only, no time and nothing that points at their answers."""

    __tablename__ = "survey_responders"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id"), primary_key=True)
    facilitator_id: Mapped[str] = mapped_column(ForeignKey("facilitators.id"), primary_key=True)


class SurveyTally(Base):
    """How many gave `answer` to `question` in a round: a count, no person, no time, no row per
    response (rows made with count 0 when the round opens; an answer adds one)."""

    __tablename__ = "survey_tallies"

    round_id: Mapped[int] = mapped_column(ForeignKey("survey_rounds.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(32), primary_key=True)
    answer: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(default=0)


class VolunteerPolicyRecord(Base):
    """The volunteer policy (rules.volunteering.VolunteerPolicy) as set; the latest is in force
    and the defaults apply while there is none."""

    __tablename__ = "volunteer_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[dict[str, Any]]
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[dt.datetime]


class Recruit(Base):
    """A person on the way to volunteering: applicant to active, or who left on the way.
    Linked to their facilitator record once active."""

    __tablename__ = "recruits"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    home_outcode: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    district: Mapped[str | None] = mapped_column(String(64), index=True)
    stage: Mapped[str] = mapped_column(String(24), index=True)
    facilitator_id: Mapped[str | None] = mapped_column(ForeignKey("facilitators.id"), unique=True)
    created_at: Mapped[dt.datetime]

    stages: Mapped[list[RecruitStage]] = relationship(
        cascade="all, delete-orphan", order_by="RecruitStage.id", lazy="selectin"
    )


class RecruitStage(Base):
    """A recruit reached a stage on a day (with a note, e.g. why they left or paused)."""

    __tablename__ = "recruit_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    recruit_id: Mapped[str] = mapped_column(ForeignKey("recruits.id"), index=True)
    stage: Mapped[str] = mapped_column(String(24))
    reached_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    recorded_by: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime]


# --- The places meetings are held: neutral venues and prisons (service.workflow.venues) ------


class VenueRecord(Base):
    """A neutral community venue the service books: where, its rooms (id, capacity, pounds a
    session), access, opening sessions, for which parties and areas it is neutral, risk notes
    and the booking contact (a person's details: sealed). `active` False: no longer booked."""

    __tablename__ = "venues"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    postcode: Mapped[str] = mapped_column(String(10))
    district: Mapped[str | None] = mapped_column(String(64), index=True)
    lat: Mapped[float]
    lon: Mapped[float]
    rooms: Mapped[list[Any]] = mapped_column(default=list)
    step_free: Mapped[bool] = mapped_column(default=False)
    hearing_loop: Mapped[bool] = mapped_column(default=False)
    high_risk_suitable: Mapped[bool] = mapped_column(default=False)
    opening: Mapped[dict[str, Any]] = mapped_column(default=dict)
    neutral_for: Mapped[list[Any]] = mapped_column(default=list)
    risk_notes: Mapped[str] = mapped_column(String(1000), default="")
    contact: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


class PrisonRecord(Base):
    """A prison the service visits (seeded from the gazetteer's prisons.csv, then edited): its
    professional-visit sessions, visitors a session takes, the booking lead time in working
    days, the clearance a facilitator needs and the visitor rules."""

    __tablename__ = "prisons"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    lat: Mapped[float]
    lon: Mapped[float]
    postcode: Mapped[str] = mapped_column(String(10), default="")
    category: Mapped[str] = mapped_column(String(64), default="")
    sessions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    visitors_per_session: Mapped[int] = mapped_column(default=4)
    lead_time_working_days: Mapped[int] = mapped_column(default=10)
    clearance: Mapped[str] = mapped_column(String(16), default="prison")
    visitor_rules: Mapped[str] = mapped_column(String(1000), default="")
    active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[dt.datetime]
    updated_by: Mapped[str] = mapped_column(String(64))


# --- The case file (issue 17): parties, contacts, holds, outcome, agreement, feedback. -------
# Sealed columns hold Fernet tokens (service.store.crypto); everything a query filters on is
# plain and holds no personal detail (ids, roles, kinds, days).


class Party(Base):
    """A person in a case: harmed, responsible or a supporter (of `supports_id`). Name, contact
    details and preferences are one sealed JSON record; `erased_on` once retention erased it."""

    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    supports_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    age_band: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(default=1)
    erased_on: Mapped[dt.date | None]


class Contact(Base):
    """One call, letter, visit, email or meeting attempt, with a party, the referrer or an
    agency: who, when, what came of it and the next step (notes sealed)."""

    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_case_made_on", "case_id", "made_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    counterpart: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    purpose: Mapped[str] = mapped_column(String(32))
    made_on: Mapped[dt.date]
    made_by: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    next_step_on: Mapped[dt.date | None]
    notes: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    created_at: Mapped[dt.datetime]


class ReferralReview(Base):
    """When a held or needs-information referral is to be looked at again, and why."""

    __tablename__ = "referral_reviews"

    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), primary_key=True)
    review_on: Mapped[dt.date] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(String(300))
    set_at: Mapped[dt.datetime]
    set_by: Mapped[str] = mapped_column(String(64))


class ReferralVersion(Base):
    """A referral's document as it was before an update (the current one is on the referral)."""

    __tablename__ = "referral_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    referral_id: Mapped[str] = mapped_column(ForeignKey("referrals.id"), index=True)
    document: Mapped[dict[str, Any]]
    replaced_at: Mapped[dt.datetime]
    replaced_by: Mapped[str] = mapped_column(String(64))


class CaseOutcome(Base):
    """How a closed case ended, in the seeds' words; `migrated_from` keeps the word of a case
    closed before 0008 (completed, withdrawn, not_proceeding, transferred)."""

    __tablename__ = "case_outcomes"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    declined_by: Mapped[str | None] = mapped_column(String(16))
    method: Mapped[str | None] = mapped_column(String(16))
    recorded_on: Mapped[dt.date]
    recorded_by: Mapped[str] = mapped_column(String(64))
    migrated_from: Mapped[str | None] = mapped_column(String(32))


class AgreementAction(Base):
    """One action of an agreed outcome: what (sealed), whose, by when, and when done."""

    __tablename__ = "agreement_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    description: Mapped[str] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    owner: Mapped[str] = mapped_column(String(16))
    due: Mapped[dt.date] = mapped_column(index=True)
    done_on: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]
    created_by: Mapped[str] = mapped_column(String(64))


class OnwardReferral(Base):
    """A participant referred on to another agency (probation, structured activity...)."""

    __tablename__ = "onward_referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    agency: Mapped[str] = mapped_column(String(32))
    referred_on: Mapped[dt.date]
    note: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed


class Evaluation(Base):
    """A participant's evaluation after the case (the hub plan's appendix H, the dashboard)."""

    __tablename__ = "evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    received_on: Mapped[dt.date]
    satisfaction: Mapped[int | None]
    facilitator_rating: Mapped[int | None]
    positive_outcome: Mapped[bool | None]
    felt_better: Mapped[bool | None]
    would_recommend: Mapped[bool | None]
    impact: Mapped[str | None] = mapped_column(String(16))
    comments: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed


class ReferrerFeedback(Base):
    """The referrer's ratings of the service on the case (the 2016 review, section 2.4)."""

    __tablename__ = "referrer_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    received_on: Mapped[dt.date]
    referral_process: Mapped[int | None]
    initial_response: Mapped[int | None]
    kept_updated: Mapped[int | None]
    effectiveness: Mapped[int | None]
    would_refer_again: Mapped[bool | None]
    would_recommend: Mapped[bool | None]
    comments: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed


class EmpathyScore(Base):
    """The person responsible's victim-empathy questionnaire score, before or after."""

    __tablename__ = "empathy_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"))
    stage: Mapped[str] = mapped_column(String(8))
    score: Mapped[int]
    taken_on: Mapped[dt.date]


class Complaint(Base):
    """A complaint about the service on a case and its resolution (both sealed)."""

    __tablename__ = "complaints"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))
    received_on: Mapped[dt.date]
    summary: Mapped[str] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    resolved_on: Mapped[dt.date | None]
    resolution: Mapped[str | None] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    upheld: Mapped[bool | None]


# --- History (issue 19): past referrals imported from a service's spreadsheet ---------------
# Counts and categories only: no names, no free text. The reports read them beside the live
# record (service.store.reports), so a year before rjplan counts like a year in it.


class HistoryImport(Base):
    """One history file loaded: its name, digest and rows (all of them, or it was refused)."""

    __tablename__ = "history_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int]
    imported_at: Mapped[dt.datetime]
    imported_by: Mapped[str] = mapped_column(String(64))


class HistoryReferral(Base):
    """A past referral closed before rjplan: who referred it, where, when, the screening
    decision, how it ended and how many people were contacted and took up the offer."""

    __tablename__ = "history_referrals"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("history_imports.id"), index=True)
    received: Mapped[dt.date] = mapped_column(index=True)
    referrer: Mapped[str] = mapped_column(String(32))
    district: Mapped[str] = mapped_column(String(64), index=True)
    offence: Mapped[str | None] = mapped_column(String(32))
    decision: Mapped[str] = mapped_column(String(16))
    decided_on: Mapped[dt.date | None]
    paired_on: Mapped[dt.date | None]
    outcome: Mapped[str | None] = mapped_column(String(16))
    declined_by: Mapped[str | None] = mapped_column(String(16))
    method: Mapped[str | None] = mapped_column(String(16))
    closed_on: Mapped[dt.date | None]
    harmed_contacted: Mapped[int] = mapped_column(default=0)
    responsible_contacted: Mapped[int] = mapped_column(default=0)
    took_up: Mapped[int] = mapped_column(default=0)


# --- The annual review's own words: aims and chosen feedback quotes (workflow.annual_review) --


class ReviewAims(Base):
    """The aims a manager wrote for a service year's annual review (April-March, by the year
    it starts)."""

    __tablename__ = "review_aims"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str] = mapped_column(String(64))
    set_at: Mapped[dt.datetime]


class ReviewQuote(Base):
    """A feedback comment a manager chose to quote in a year's review, without names: where it
    came from (an evaluation or a referrer's feedback), who said it in words ("a person
    harmed"), and the text as it will be printed (sealed: it came from a sealed comment)."""

    __tablename__ = "review_quotes"
    __table_args__ = (
        UniqueConstraint("year", "source", "source_id", name="uq_review_quotes_year_source"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)
    source: Mapped[str] = mapped_column(String(16))
    source_id: Mapped[int]
    speaker: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text, info=SEALED)  # PERSONAL, sealed
    chosen_by: Mapped[str] = mapped_column(String(64))
    chosen_at: Mapped[dt.datetime]

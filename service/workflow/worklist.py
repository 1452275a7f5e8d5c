"""The worklist: for a user and a day, everything due or overdue, ordered by urgency, each with
the one action that clears it (schemas.worklist.WorkItem).

Each part of the record contributes a source: a function (uow, day) -> Iterable[WorkItem].
Adding one is one line in SOURCES."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from service.store.uow import UnitOfWork
from service.workflow import work_sources
from service.workflow.auth import Principal, Role
from service.workflow.schemas.worklist import Urgency, WorkItem
from service.workflow.volunteer_warnings import volunteer_warnings

WorkSource = Callable[[UnitOfWork, dt.date], Iterable[WorkItem]]

SOURCES: tuple[WorkSource, ...] = (
    work_sources.clock_items,
    work_sources.hold_reviews,
    work_sources.agreement_actions,
    work_sources.vetting_blocks,
    volunteer_warnings,
)

_RANK = {Urgency.OVERDUE: 0, Urgency.DUE_TODAY: 1, Urgency.DUE_SOON: 2}


def for_user(uow: UnitOfWork, who: Principal, day: dt.date | None = None) -> list[WorkItem]:
    """The worklist of `who` on `day` (today by default): staff see everything, a facilitator
    only what is about them or the cases they are on now."""
    items = everything(uow, day or uow.clock.today())
    if who.role is Role.FACILITATOR:
        on_now = _cases_on_now(uow, who)
        items = [i for i in items if _theirs(who, on_now, i)]
    return items


@dataclass(frozen=True)
class _Derived:
    """A whole worklist and the committed data it was derived from (UnitOfWork.committed_state)."""

    snapshot: str
    items: tuple[WorkItem, ...]


_DERIVED: dict[tuple[str, dt.date], _Derived] = {}
_DERIVING = threading.Lock()
_DERIVED_KEPT = 8  # (database, day) pairs kept per process: today's, and a few days asked for


def everything(uow: UnitOfWork, on: dt.date) -> list[WorkItem]:
    """Every item of every source on day `on`, the most urgent first.

    Derived again only when the committed data have changed since the last time (on
    PostgreSQL: UnitOfWork.committed_state, one statement), else the same items: the worklist
    reads every open case's timeline (24 statements, about 60 ms of CPU with the demo year), and
    every coordinator's page and API call asks for it. One derivation at a time per process:
    after a commit, the requests that find the kept list out of date wait for the first of
    them instead of each deriving it again (50 clients at once: p99 2.2 s without). On SQLite
    it is always derived."""
    state = uow.committed_state()
    if state is None:
        return _derive(uow, on)
    key = (state.database, on)
    kept = _DERIVED.get(key)
    if kept is None or kept.snapshot != state.snapshot:
        with _DERIVING:
            kept = _DERIVED.get(key)  # another request may have derived it meanwhile
            if kept is None or kept.snapshot != state.snapshot:
                kept = _Derived(state.snapshot, tuple(_derive(uow, on)))
                if key not in _DERIVED and len(_DERIVED) >= _DERIVED_KEPT:
                    _DERIVED.pop(next(iter(_DERIVED)))  # the oldest kept
                _DERIVED[key] = kept
    return list(kept.items)


def _derive(uow: UnitOfWork, on: dt.date) -> list[WorkItem]:
    return sorted(
        (item for source in SOURCES for item in source(uow, on)),
        key=lambda i: (_RANK[i.urgency], i.due, i.kind, i.subject_id),
    )


def _cases_on_now(uow: UnitOfWork, who: Principal) -> set[str]:
    """The cases the facilitator is on now, read once (not once per item)."""
    if who.facilitator_id is None:
        return set()
    return {p.case_id for p in uow.pairs.current_for_facilitator(who.facilitator_id)}


def _theirs(who: Principal, on_now: set[str], item: WorkItem) -> bool:
    if item.subject == "facilitator":
        return item.subject_id == who.facilitator_id
    return item.subject == "case" and item.subject_id in on_now


@dataclass(frozen=True)
class SubjectWork:
    """What is to do about one case, referral or facilitator, the most urgent first."""

    subject: str
    subject_id: str
    items: tuple[WorkItem, ...]

    @property
    def urgency(self) -> Urgency:
        """The urgency of its most urgent item."""
        return self.items[0].urgency


def by_subject(items: Sequence[WorkItem]) -> list[SubjectWork]:
    """`items` (a worklist, most urgent first) gathered by what each is about, so the several
    clocks of one case stand together; the subjects in the order of their most urgent item."""
    gathered: dict[tuple[str, str], list[WorkItem]] = {}
    for item in items:
        gathered.setdefault((item.subject, item.subject_id), []).append(item)
    return [SubjectWork(s, sid, tuple(found)) for (s, sid), found in gathered.items()]

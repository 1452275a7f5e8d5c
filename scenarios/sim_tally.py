"""What one replicate counts: referrals, decisions, allocations, waits, backlog, hours, outcomes.

Only what happens inside the counted window (after the warm-up) is counted: referrals received,
cases accepted and outcomes closed in it, and hours worked in it (a case's hours spread evenly
over the days it runs).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from scenarios.sim_world import Volunteer, skill_labels


@dataclass(frozen=True)
class Work:
    """Hours one facilitator gives a case between two days (end exclusive)."""

    facilitator: str
    start: dt.date
    end: dt.date
    hours: float

    def hours_between(self, lo: dt.date, hi: dt.date) -> float:
        """The share of the hours that fall in [lo, hi)."""
        days = (self.end - self.start).days
        if days <= 0:
            return self.hours if lo <= self.start < hi else 0.0
        overlap = (min(self.end, hi) - max(self.start, lo)).days
        return self.hours * max(0, overlap) / days


@dataclass
class Tally:
    """Counts of one replicate over the window [first, end)."""

    first: dt.date
    end: dt.date
    referrals: int = 0
    decisions: Counter[str] = field(default_factory=Counter)
    accepted: int = 0
    taken_up: int = 0
    people_taking_up: int = 0
    allocated: int = 0
    reallocated: int = 0
    waits: list[int] = field(default_factory=list)
    backlog: list[int] = field(default_factory=list)
    unallocated: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    work: list[Work] = field(default_factory=list)
    solves: int = 0
    solve_seconds: float = 0.0

    def counts(self, day: dt.date) -> bool:
        """True when `day` is inside the counted window."""
        return self.first <= day < self.end

    def result(self, volunteers: list[Volunteer], waiting_since: list[dt.date]) -> dict[str, Any]:
        """The replicate's numbers as plain JSON-able data; `waiting_since` are the acceptance
        days of the cases still waiting at the end."""
        still_waiting = len(waiting_since)
        unfinished = [(self.end - d).days for d in waiting_since if self.counts(d)]
        worked = self._hours_by_facilitator()
        present = [v for v in volunteers if self._available_hours(v) > 0]
        total_hours = sum(worked.values())
        return {
            "referrals": self.referrals,
            "decisions": dict(self.decisions),
            "accepted": self.accepted,
            "taken_up": self.taken_up,
            "people_taking_up": self.people_taking_up,
            "allocated": self.allocated,
            "reallocated": self.reallocated,
            "still_waiting": still_waiting,
            "waits": self.waits,
            "unfinished_waits": unfinished,
            "backlog": self.backlog,
            "unallocated": dict(self.unallocated),
            "outcomes": dict(self.outcomes),
            "positive_outcomes": self.outcomes["conference"] + self.outcomes["indirect"],
            "volunteer_hours": round(total_hours, 1),
            "volunteers": len(present),
            "hours_per_volunteer": round(total_hours / len(present), 2) if present else 0.0,
            "utilisation_by_district": self._utilisation(present, worked, _district),
            "utilisation_by_skill": self._utilisation(present, worked, skill_labels_of),
            "solves": self.solves,
            "solve_seconds": round(self.solve_seconds, 3),
        }

    def _hours_by_facilitator(self) -> dict[str, float]:
        out: dict[str, float] = defaultdict(float)
        for w in self.work:
            out[w.facilitator] += w.hours_between(self.first, self.end)
        return out

    def _available_hours(self, v: Volunteer) -> float:
        """Weekly hours x weeks the volunteer was vetted, still here and not on holiday."""
        lo, hi = max(self.first, v.vetted_from), min(self.end, v.leaves)
        if not v.record.active or hi <= lo:
            return 0.0
        away = sum(
            max(0, (min(w.end + dt.timedelta(1), hi) - max(w.start, lo)).days) for w in v.absences
        )
        return v.record.weekly_hours * max(0, (hi - lo).days - away) / 7.0

    def _utilisation(
        self, present: list[Volunteer], worked: dict[str, float], keys: Any
    ) -> dict[str, float]:
        """Hours worked / hours offered, per group of volunteers."""
        used: dict[str, float] = defaultdict(float)
        offered: dict[str, float] = defaultdict(float)
        for v in present:
            for key in keys(v):
                used[key] += worked.get(v.record.id, 0.0)
                offered[key] += self._available_hours(v)
        return {k: round(used[k] / offered[k], 4) for k in sorted(offered) if offered[k] > 0}


def _district(v: Volunteer) -> list[str]:
    return [v.record.district or "unknown"]


def skill_labels_of(v: Volunteer) -> list[str]:
    """Skill groups a volunteer counts in."""
    return skill_labels(v.record)

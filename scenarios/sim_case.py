"""A case in a simulated run: waiting for a pair, or running with one until it ends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import Case, Decision, Referral


@dataclass
class SimCase:
    """An accepted, taken-up case: waiting, or running with a pair until `ends`."""

    referral: Referral
    decision: Decision
    case: Case
    accepted: dt.date
    days_left: int
    outcome: str
    pair: tuple[str, str] | None = None
    started: dt.date | None = None
    allocated_once: bool = False
    generation: int = 0
    keep: list[str] = field(default_factory=list)

    @property
    def ends(self) -> dt.date:
        """The day the current pair finishes the case."""
        if self.started is None:
            raise ValueError(f"case {self.case.id} has not started")
        return self.started + dt.timedelta(days=self.days_left)

    def hours_left(self, day: dt.date) -> float:
        """Hours per facilitator still to do on `day`, spread evenly over the case's days."""
        if self.started is None:
            return self.case.hours
        done = (day - self.started).days / max(1, self.days_left)
        return max(0.0, self.case.hours * (1 - done))

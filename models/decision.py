"""Format `rjplan.decision/1`: the screening decision on one referral, with its reasons."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import Field

from models.common import Model, Skill

DECISION_FORMAT: Final = "rjplan.decision/1"


class DecisionKind(StrEnum):
    """Possible outcomes of screening, in precedence order (first wins when several fire)."""

    REDIRECT = "redirect"
    DECLINE = "decline"
    HOLD = "hold"
    NEEDS_INFO = "needs_info"
    ACCEPT = "accept"


DECISION_PRECEDENCE: tuple[DecisionKind, ...] = tuple(DecisionKind)


class RedirectTo(StrEnum):
    YOUTH_OFFENDING_SERVICE = "youth_offending_service"
    FIRE_SERVICE_RJ_TEAM = "fire_service_rj_team"


class Risk(StrEnum):
    STANDARD = "standard"
    HIGH = "high"


class Reason(Model):
    """One rule that fired, and why, in plain English."""

    rule: str
    text: str


class Requirements(Model):
    """What an accepted case needs of its two facilitators."""

    both: list[Skill] = Field(default_factory=list)
    either: list[Skill] = Field(default_factory=list)
    prison: str | None = None
    hours: float = Field(default=19.0, gt=0)
    risk: Risk = Risk.STANDARD


class Decision(Model):
    """The outcome of screening one referral under one policy."""

    format: Literal["rjplan.decision/1"] = DECISION_FORMAT
    referral: str
    policy: str
    decision: DecisionKind
    redirect_to: RedirectTo | None = None
    reasons: list[Reason] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    requirements: Requirements | None = None

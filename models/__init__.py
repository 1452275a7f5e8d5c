"""Domain types and the public interchange formats of rjplan (shared/spec/formats.md).

This package imports nothing else of ours: every other package builds on it.
"""

from models.allocation import (
    CANONICAL_LEVELS,
    AllocationResult,
    Assignment,
    Metrics,
    Objective,
    SolveStatus,
    UnallocatedCase,
    UnallocatedReason,
)
from models.common import DateWindow, Location, Skill
from models.decision import Decision, DecisionKind, Reason, RedirectTo, Requirements, Risk
from models.documents import FORMATS, DocumentError, load_document, parse_document, parse_list
from models.errors import FieldError, InputError
from models.meetings import MeetingSchedule, MeetingsProblem
from models.places import Prison, Venue
from models.problem import Case, CaseRequirements, Facilitator, PrisonRef, Problem
from models.referral import (
    CaseType,
    Consent,
    CourtStatus,
    Flags,
    Organisation,
    Party,
    PartyRole,
    Referral,
    Referrer,
    Route,
    Youth,
)

__all__ = [
    "CANONICAL_LEVELS",
    "FORMATS",
    "AllocationResult",
    "Assignment",
    "Case",
    "CaseRequirements",
    "CaseType",
    "Consent",
    "CourtStatus",
    "DateWindow",
    "Decision",
    "DecisionKind",
    "DocumentError",
    "Facilitator",
    "FieldError",
    "Flags",
    "InputError",
    "Location",
    "MeetingSchedule",
    "MeetingsProblem",
    "Metrics",
    "Objective",
    "Organisation",
    "Party",
    "PartyRole",
    "Prison",
    "PrisonRef",
    "Problem",
    "Reason",
    "RedirectTo",
    "Referral",
    "Referrer",
    "Requirements",
    "Risk",
    "Route",
    "Skill",
    "SolveStatus",
    "UnallocatedCase",
    "UnallocatedReason",
    "Venue",
    "Youth",
    "load_document",
    "parse_document",
    "parse_list",
]

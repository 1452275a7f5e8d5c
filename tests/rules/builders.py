"""Builders for screening tests: a referral that every shipped policy accepts with no rule fired."""

from __future__ import annotations

import copy
from typing import Any

from models import Referral

CLEAN: dict[str, Any] = {
    "format": "rjplan.referral/1",
    "id": "R-1",
    "received": "2026-11-18",
    "referrer": {"organisation": "police"},
    "route": "community_resolution",
    "case_type": "low_level_crime",
    "offence": "criminal damage to a car",
    "flags": {},
    "court": "none",
    "youth": {"under_18": False, "youth_justice": False},
    "consent": {"victim": True, "perpetrator": True},
    "responsibility_accepted": True,
    "restorative_element": True,
    "district": "Chelmsford",
    "location": {"outcode": "CM1"},
    "parties": [{"role": "victim"}, {"role": "perpetrator"}],
}


def a_referral_doc(**changes: Any) -> dict[str, Any]:
    """The clean referral as JSON data, with changes; `consent__victim=None` sets a nested field."""
    doc = copy.deepcopy(CLEAN)
    for key, value in changes.items():
        *parents, leaf = key.split("__")
        target = doc
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return doc


def a_referral(**changes: Any) -> Referral:
    """The clean referral with changes, as a model."""
    return Referral.model_validate(a_referral_doc(**changes))


def in_prison(name: str = "HMP Chelmsford") -> list[dict[str, Any]]:
    """Parties of a post-sentence case: the person who caused harm is in `name`."""
    return [{"role": "victim"}, {"role": "perpetrator", "prison": name}]

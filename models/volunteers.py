"""A volunteer's record as the domain sees it: courses taken, checks held, the stages of
recruitment. The service stores these; `rules.volunteering` derives skills, due dates and
reminders from them."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from models.common import Model


class Level(StrEnum):
    """The RJC practitioner levels; CPD hours and some courses depend on the level."""

    FOUNDATION = "foundation"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


LEVEL_ORDER: dict[Level, int] = {Level.FOUNDATION: 0, Level.INTERMEDIATE: 1, Level.ADVANCED: 2}


class Course(StrEnum):
    """What a training event was. Only some courses grant a skill (see VolunteerPolicy)."""

    PRACTITIONER = "practitioner"  # the 3- (later 4-) day RJ practitioner training
    MEDIATION = "mediation"
    COMPLEX_SENSITIVE = "complex_sensitive"
    DOMESTIC_SEXUAL_VIOLENCE = "dv_sv"
    COMMUNITY_JUSTICE_PANEL = "cjp"
    REFRESHER = "refresher"
    OTHER = "other"  # any other continuing professional development


class CheckKind(StrEnum):
    """A security check a volunteer must hold: force vetting (every 12 months), national
    security vetting (every 5 years) and a prison's security clearance."""

    FORCE = "force"
    NSV = "nsv"
    PRISON = "prison"


class SupervisionKind(StrEnum):
    INDIVIDUAL = "individual"
    GROUP = "group"


class Stage(StrEnum):
    """Where a person is on the way from applicant to active volunteer (and after)."""

    APPLICANT = "applicant"
    INTERVIEWED = "interviewed"
    TRAINED = "trained"
    VETTING_SUBMITTED = "vetting_submitted"
    VETTED = "vetted"
    ACTIVE = "active"
    PAUSED = "paused"
    LEFT = "left"


PIPELINE: tuple[Stage, ...] = (
    Stage.APPLICANT,
    Stage.INTERVIEWED,
    Stage.TRAINED,
    Stage.VETTING_SUBMITTED,
    Stage.VETTED,
    Stage.ACTIVE,
)
"""The stages in the order every recruit passes them; PAUSED and LEFT sit outside it."""


class TrainingEvent(Model):
    """A course completed. `completed_on` is None only for training declared when the
    volunteer was registered without its date: it grants skills but no CPD hours and does not
    count as recent training."""

    course: Course
    level: Level = Level.FOUNDATION
    completed_on: dt.date | None = None
    hours: float = Field(default=0.0, ge=0, le=200)


class Check(Model):
    """A check held: granted on a day, expiring on a day (None: the policy's default period
    from the grant; with neither date, a check recorded before dates were kept, in force)."""

    kind: CheckKind
    granted_on: dt.date | None = None
    expires_on: dt.date | None = None

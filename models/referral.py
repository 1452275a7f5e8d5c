"""Format `rjplan.referral/1`: what a referrer sends (referral form and CRA1 form as data)."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, Literal

from pydantic import Field

from models.common import Location, Model
from models.values import Day, EntityId, Line200, Name

REFERRAL_FORMAT: Final = "rjplan.referral/1"


class Organisation(StrEnum):
    """Who referred the case."""

    POLICE = "police"
    HOUSING = "housing"
    SELF = "self"
    VICTIM_SUPPORT = "victim_support"
    SCHOOL = "school"
    PRISON = "prison"
    WITNESS_CARE = "witness_care"
    PROBATION = "probation"
    COUNCIL = "council"
    FIRE_SERVICE = "fire_service"
    YOUTH_OFFENDING_SERVICE = "youth_offending_service"
    HEALTH = "health"
    OTHER = "other"


class Route(StrEnum):
    """How the referral reached the service."""

    COMMUNITY_RESOLUTION = "community_resolution"
    CONDITIONAL_CAUTION = "conditional_caution"
    SELF_REFERRAL = "self_referral"
    POST_SENTENCE = "post_sentence"
    PARTNER = "partner"
    OTHER = "other"


class CaseType(StrEnum):
    """The kind of harm or conflict."""

    NEIGHBOUR_DISPUTE = "neighbour_dispute"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    LOW_LEVEL_CRIME = "low_level_crime"
    CRIMINAL_OFFENCE = "criminal_offence"
    COMMUNITY_ISSUE = "community_issue"


class CourtStatus(StrEnum):
    """Where the case stands in court; `pending` means not yet sentenced."""

    NONE = "none"
    PENDING = "pending"
    SENTENCED = "sentenced"


class PartyRole(StrEnum):
    VICTIM = "victim"
    PERPETRATOR = "perpetrator"
    BOTH = "both"
    SUPPORTER = "supporter"


class Referrer(Model):
    organisation: Organisation


class Flags(Model):
    """Sensitive features of the case; each defaults to false."""

    domestic_abuse: bool = False
    sexual_offence: bool = False
    serious_complex: bool = False
    hate_crime: bool = False
    fire_related: bool = False


class Youth(Model):
    under_18: bool
    youth_justice: bool


class Consent(Model):
    """Each party's consent; None means not yet sought."""

    victim: bool | None
    perpetrator: bool | None


class Party(Model):
    role: PartyRole
    prison: Name | None = None


class Referral(Model):
    """One referral as received, before screening."""

    format: Literal["rjplan.referral/1"] = REFERRAL_FORMAT
    id: EntityId
    received: Day
    referrer: Referrer
    route: Route
    case_type: CaseType
    offence: Line200 = ""
    flags: Flags = Flags()
    court: CourtStatus
    youth: Youth
    consent: Consent
    responsibility_accepted: bool | None
    restorative_element: bool
    district: Name = Field(min_length=1)
    location: Location
    parties: list[Party] = Field(default_factory=list, max_length=20)

    @property
    def prisons(self) -> list[str]:
        """Names of the prisons any party is held in, in party order, without repeats."""
        return list(dict.fromkeys(p.prison for p in self.parties if p.prison))

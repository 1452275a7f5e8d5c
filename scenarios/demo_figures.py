"""The figures behind the demo data (scenarios/data/seed_figures.yaml), validated on load.

Seed figures are copied from the service's own documents; modelled figures are the weights the
generator draws from. The YAML comments name the source of every number.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models import CaseType, InputError, Organisation
from models.documents import field_errors
from rules.yaml_limits import load_yaml

FIGURES_FILE = "data/seed_figures.yaml"

Share = float
CASE_KINDS = (
    "plain",
    "neighbour_dispute",
    "community_issue",
    "complex",
    "domestic_abuse",
    "prison",
)
Weights = dict[str, float]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeedFigures(_Strict):
    """Numbers copied verbatim from shared/seeds (file and table in the YAML comments)."""

    referrals_2015_16_by_referrer: dict[str, int]
    referrals_2015_16_by_area: dict[str, int]
    referrals_2017_18_total: int
    people_took_up_2017_18: int
    positive_outcomes_2017_18: int
    harmed_contacted_2017_18: int
    responsible_contacted_2017_18: int
    declined_at_first_call_2017_18: Share = Field(ge=0, le=1)
    evaluations_returned_2017_18: Share = Field(ge=0, le=1)
    participants_rating_4_or_5_2017_18: Share = Field(ge=0, le=1)
    participants_rating_facilitators_5_2017_18: Share = Field(ge=0, le=1)
    participants_felt_better_2017_18: Share = Field(ge=0, le=1)
    participants_would_recommend_2017_18: Share = Field(ge=0, le=1)
    referrers_would_refer_again_2017_18: Share = Field(ge=0, le=1)
    participants_extremely_satisfied_2015_16: Share = Field(ge=0, le=1)
    participants_positive_outcome_2015_16: Share = Field(ge=0, le=1)
    referrals_2017_18_top_police_areas: dict[str, int]
    referrals_2017_18_self: int
    referrals_2017_18_probation: int
    referrals_2017_18_victim_support: int
    referrals_2017_18_conditional_cautions: int
    referrals_2017_18_community_justice_panel: int
    new_volunteers_trained: int
    new_volunteers_started: int
    volunteers_visited_chelmsford_prison: int
    volunteers_mediation_training: int
    prisons_worked_with: int
    case_hours_min: float
    case_hours_max: float
    hours_per_week: float
    vetting_months: int


class ModelledFigures(_Strict):
    """Weights and shares the generator draws from (derivations in the YAML comments)."""

    facilitator_district_weights: Weights
    case_district_weights: Weights
    out_of_area_share: Share = Field(ge=0, le=1)
    referrer_weights: Weights
    police_conditional_caution_share: Share = Field(ge=0, le=1)
    youth_under_18_share: Share = Field(ge=0, le=1)
    youth_justice_share_of_under_18: Share = Field(ge=0, le=1)
    fire_related_share: Share = Field(ge=0, le=1)
    court_pending_share_of_offences: Share = Field(ge=0, le=1)
    consent_unknown_share: Share = Field(ge=0, le=1)
    consent_refused_share: Share = Field(ge=0, le=1)
    responsibility_unknown_share: Share = Field(ge=0, le=1)
    responsibility_denied_share: Share = Field(ge=0, le=1)
    no_restorative_element_share: Share = Field(ge=0, le=1)
    domestic_abuse_share_of_offences: Share = Field(ge=0, le=1)
    sexual_offence_share_of_offences: Share = Field(ge=0, le=1)
    serious_complex_share_of_offences: Share = Field(ge=0, le=1)
    hate_crime_share: Share = Field(ge=0, le=1)
    case_kind_weights: Weights
    prison_weights: Weights
    priority_weights: list[float] = Field(min_length=5, max_length=5)
    recent_trainee_share: Share = Field(ge=0, le=1)
    waiting_for_vetting_share_of_trainees: Share = Field(ge=0, le=1)
    inactive_share: Share = Field(ge=0, le=1)
    lapsed_vetting_share: Share = Field(ge=0, le=1)
    experienced_share_of_established: Share = Field(ge=0, le=1)
    mediation_share_of_trainees: Share = Field(ge=0, le=1)
    mediation_share_of_established: Share = Field(ge=0, le=1)
    complex_share_of_experienced: Share = Field(ge=0, le=1)
    dv_share_of_complex: Share = Field(ge=0, le=1)
    prison_share_of_established: Share = Field(ge=0, le=1)
    prison_share_of_trainees: Share = Field(ge=0, le=1)
    cjp_share: Share = Field(ge=0, le=1)
    weekly_hours: list[float] = Field(min_length=1)
    weekly_hours_weights: list[float] = Field(min_length=1)
    max_cases: list[int] = Field(min_length=1)
    max_cases_weights: list[float] = Field(min_length=1)
    absence_share: Share = Field(ge=0, le=1)
    max_travel_share: Share = Field(ge=0, le=1)
    max_travel_km: list[float] = Field(min_length=1)
    avoid_partner_share: Share = Field(ge=0, le=1)
    exclude_share: Share = Field(ge=0, le=1)
    pinned_share_of_ongoing: Share = Field(ge=0, le=1)
    ongoing_hours_min: int = Field(ge=1)
    ongoing_hours_max: int = Field(ge=1)
    case_types_by_referrer: dict[Organisation, dict[CaseType, float]]

    @model_validator(mode="after")
    def _weights_are_usable(self) -> Self:
        for name in ("weekly_hours", "max_cases"):
            if len(getattr(self, name)) != len(getattr(self, f"{name}_weights")):
                raise ValueError(f"{name}_weights: give one weight per value of {name}")
        unknown = set(self.referrer_weights) - {o.value for o in Organisation}
        if unknown:
            raise ValueError(f"referrer_weights: unknown organisations {sorted(unknown)}")
        no_mix = set(self.referrer_weights) - {o.value for o in self.case_types_by_referrer}
        if no_mix:
            raise ValueError(f"case_types_by_referrer: add a mix for {sorted(no_mix)}")
        missing = set(CASE_KINDS) - set(self.case_kind_weights)
        if missing:
            raise ValueError(f"case_kind_weights: missing kinds {sorted(missing)}")
        if self.ongoing_hours_max < self.ongoing_hours_min:
            raise ValueError("ongoing_hours_max: must not be below ongoing_hours_min")
        return self


class Figures(_Strict):
    """The whole seed_figures.yaml."""

    seed: SeedFigures
    modelled: ModelledFigures


def parse_figures(text: str, source: str = FIGURES_FILE) -> Figures:
    """Validate the YAML text of a figures file; raises InputError naming every bad field."""
    data = load_yaml(text, source)
    try:
        return Figures.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, field_errors(exc)) from None


@cache
def default_figures() -> Figures:
    """The figures shipped with rjplan (read once; the result is immutable)."""
    text = (resources.files("scenarios") / FIGURES_FILE).read_text(encoding="utf-8")
    return parse_figures(text)

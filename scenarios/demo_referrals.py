"""Demo referrals: a week of `rjplan.referral/1` documents with the seeds' referrer and area mix.

Some are meant to be turned away or held, so screening them is interesting: young people on a
youth justice caseload (redirect), fire-related cases (redirect), court proceedings pending
(hold), consent or responsibility not yet known (needs info), nothing restorative asked or a
self-referred neighbour dispute (decline under the 2015 policy). Referrals are always placed in
the real county, with outcodes, whatever the scale: they are the service's inbox, not a copy.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from geo import Gazetteer
from models import (
    CaseType,
    Consent,
    CourtStatus,
    Flags,
    Location,
    Organisation,
    Party,
    PartyRole,
    Referral,
    Referrer,
    Route,
    Youth,
)
from scenarios.demo_figures import ModelledFigures
from scenarios.demo_places import pick

OUT_OF_AREA = "out_of_area"
SUPPORTER_SHARE = 0.2  # assumption: a supporter comes along in one referral in five
ALWAYS_YOUNG = {Organisation.SCHOOL, Organisation.YOUTH_OFFENDING_SERVICE}
POST_SENTENCE = {Organisation.PRISON, Organisation.PROBATION}
OFFENCES: dict[CaseType, tuple[str, ...]] = {
    CaseType.NEIGHBOUR_DISPUTE: (
        "noise and verbal abuse between neighbours",
        "boundary dispute with criminal damage to a fence",
        "parking dispute with threats",
    ),
    CaseType.ANTI_SOCIAL_BEHAVIOUR: (
        "youths gathering and intimidating residents",
        "repeated nuisance in a block of flats",
        "street drinking in a park",
    ),
    CaseType.LOW_LEVEL_CRIME: (
        "criminal damage to a car",
        "shoplifting",
        "theft of a bicycle",
        "common assault in a pub",
    ),
    CaseType.CRIMINAL_OFFENCE: ("burglary of a dwelling", "assault occasioning ABH", "robbery"),
    CaseType.COMMUNITY_ISSUE: ("fly tipping on a housing estate", "conflict over use of a park"),
}
FLAGGED_OFFENCES = {
    "domestic_abuse": "assault on a partner",
    "sexual_offence": "sexual assault",
    "serious_complex": "grievous bodily harm",
    "fire_related": "arson of a wheelie bin",
}


def make_referrals(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    count: int,
    as_of: dt.date,
) -> list[Referral]:
    """`count` referrals received in the week up to `as_of`, ids R-0001, R-0002, ...

    Drawn from the seeds' mix, except that a few, spread evenly through the list, are made into
    one of the SHOWCASE referrals, so every week shows each kind of screening decision.
    """
    out = [_referral(rng, figures, gazetteer, f"R-{i + 1:04d}", as_of) for i in range(count)]
    for j, overrides in enumerate(SHOWCASE[:count]):
        i = j * count // min(count, len(SHOWCASE))
        out[i] = Referral.model_validate(out[i].model_dump() | overrides)
    return out


def _referral(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    rid: str,
    as_of: dt.date,
) -> Referral:
    org = Organisation(pick(rng, figures.referrer_weights))
    mix = figures.case_types_by_referrer[org]
    case_type = CaseType(pick(rng, {k.value: v for k, v in mix.items()}))
    route = _route(rng, figures, org)
    flags = _flags(rng, figures, org, case_type)
    district, location = _where(rng, figures, gazetteer)
    return Referral(
        id=rid,
        received=as_of - dt.timedelta(days=int(rng.integers(0, 7))),
        referrer=Referrer(organisation=org),
        route=route,
        case_type=case_type,
        offence=_offence(rng, case_type, flags),
        flags=flags,
        court=_court(rng, figures, route, case_type),
        youth=_youth(rng, figures, org),
        consent=Consent(victim=_tri(rng, figures), perpetrator=_tri(rng, figures)),
        responsibility_accepted=_responsibility(rng, figures),
        restorative_element=bool(rng.random() >= figures.no_restorative_element_share),
        district=district,
        location=location,
        parties=_parties(rng, figures, gazetteer, org, case_type),
    )


def _showcase(
    org: Organisation,
    route: Route,
    case_type: CaseType,
    offence: str,
    **changes: object,
) -> dict[str, object]:
    """A referral's fields for one showcase: a clean, consenting case, then `changes`."""
    fields: dict[str, object] = {
        "referrer": Referrer(organisation=org),
        "route": route,
        "case_type": case_type,
        "offence": offence,
        "flags": Flags(),
        "court": CourtStatus.SENTENCED if route == Route.POST_SENTENCE else CourtStatus.NONE,
        "youth": Youth(under_18=False, youth_justice=False),
        "consent": Consent(victim=True, perpetrator=True),
        "responsibility_accepted": True,
        "restorative_element": True,
        "parties": [Party(role=PartyRole.VICTIM), Party(role=PartyRole.PERPETRATOR)],
    }
    return fields | changes


_POLICE, _CR = Organisation.POLICE, Route.COMMUNITY_RESOLUTION
# One of each: youth justice (redirect), fire-related (redirect under 2015), court pending (hold),
# consent not sought (needs info), letter of apology only (decline), domestic abuse and a serious
# post-sentence offence (declined in 2015, accepted with specialists in 2018).
SHOWCASE: tuple[dict[str, object], ...] = (
    _showcase(
        _POLICE,
        _CR,
        CaseType.LOW_LEVEL_CRIME,
        "shoplifting",
        youth=Youth(under_18=True, youth_justice=True),
    ),
    _showcase(
        Organisation.FIRE_SERVICE,
        Route.PARTNER,
        CaseType.ANTI_SOCIAL_BEHAVIOUR,
        "arson of a wheelie bin",
        flags=Flags(fire_related=True),
    ),
    _showcase(
        Organisation.WITNESS_CARE,
        Route.PARTNER,
        CaseType.CRIMINAL_OFFENCE,
        "assault occasioning ABH",
        court=CourtStatus.PENDING,
    ),
    _showcase(
        _POLICE,
        _CR,
        CaseType.ANTI_SOCIAL_BEHAVIOUR,
        "repeated nuisance in a block of flats",
        consent=Consent(victim=None, perpetrator=True),
    ),
    _showcase(
        _POLICE,
        Route.CONDITIONAL_CAUTION,
        CaseType.LOW_LEVEL_CRIME,
        "criminal damage to a car (letter of apology only)",
        restorative_element=False,
    ),
    _showcase(
        _POLICE,
        _CR,
        CaseType.CRIMINAL_OFFENCE,
        "assault on a partner",
        flags=Flags(domestic_abuse=True),
    ),
    _showcase(
        Organisation.PRISON,
        Route.POST_SENTENCE,
        CaseType.CRIMINAL_OFFENCE,
        "grievous bodily harm",
        flags=Flags(serious_complex=True),
        parties=[
            Party(role=PartyRole.VICTIM),
            Party(role=PartyRole.PERPETRATOR, prison="HMP/YOI Chelmsford"),
        ],
    ),
)


def _route(rng: np.random.Generator, figures: ModelledFigures, org: Organisation) -> Route:
    if org == Organisation.POLICE:
        caution = rng.random() < figures.police_conditional_caution_share
        return Route.CONDITIONAL_CAUTION if caution else Route.COMMUNITY_RESOLUTION
    if org == Organisation.SELF:
        return Route.SELF_REFERRAL
    if org in POST_SENTENCE:
        return Route.POST_SENTENCE
    return Route.PARTNER


def _flags(
    rng: np.random.Generator, figures: ModelledFigures, org: Organisation, case_type: CaseType
) -> Flags:
    offence = case_type == CaseType.CRIMINAL_OFFENCE
    return Flags(
        domestic_abuse=offence and bool(rng.random() < figures.domestic_abuse_share_of_offences),
        sexual_offence=offence and bool(rng.random() < figures.sexual_offence_share_of_offences),
        serious_complex=offence and bool(rng.random() < figures.serious_complex_share_of_offences),
        hate_crime=bool(rng.random() < figures.hate_crime_share),
        fire_related=org == Organisation.FIRE_SERVICE
        or bool(rng.random() < figures.fire_related_share),
    )


def _offence(rng: np.random.Generator, case_type: CaseType, flags: Flags) -> str:
    for flag, text in FLAGGED_OFFENCES.items():
        if getattr(flags, flag):
            return text
    options = OFFENCES[case_type]
    return options[int(rng.integers(len(options)))]


def _court(
    rng: np.random.Generator, figures: ModelledFigures, route: Route, case_type: CaseType
) -> CourtStatus:
    if route == Route.POST_SENTENCE:
        return CourtStatus.SENTENCED
    pending = rng.random() < figures.court_pending_share_of_offences
    if case_type == CaseType.CRIMINAL_OFFENCE and pending:
        return CourtStatus.PENDING
    return CourtStatus.NONE


def _youth(rng: np.random.Generator, figures: ModelledFigures, org: Organisation) -> Youth:
    under_18 = org in ALWAYS_YOUNG or bool(rng.random() < figures.youth_under_18_share)
    justice = under_18 and bool(rng.random() < figures.youth_justice_share_of_under_18)
    return Youth(under_18=under_18, youth_justice=justice)


def _tri(rng: np.random.Generator, figures: ModelledFigures) -> bool | None:
    """Consent: not yet sought (None), refused, or given."""
    draw = rng.random()
    if draw < figures.consent_unknown_share:
        return None
    return bool(draw >= figures.consent_unknown_share + figures.consent_refused_share)


def _responsibility(rng: np.random.Generator, figures: ModelledFigures) -> bool | None:
    draw = rng.random()
    if draw < figures.responsibility_unknown_share:
        return None
    return bool(draw >= figures.responsibility_unknown_share + figures.responsibility_denied_share)


def _where(
    rng: np.random.Generator, figures: ModelledFigures, gazetteer: Gazetteer
) -> tuple[str, Location]:
    """A district by the seeds' area mix, or out of area, and an outcode there."""
    if rng.random() < figures.out_of_area_share:
        outcodes = gazetteer.outcodes.items()
        outside = sorted(c for c, o in outcodes if o.district not in gazetteer.districts)
        return OUT_OF_AREA, Location(outcode=outside[int(rng.integers(len(outside)))])
    district = pick(rng, figures.case_district_weights)
    codes = gazetteer.district(district).outcodes
    return district, Location(outcode=codes[int(rng.integers(len(codes)))])


def _parties(
    rng: np.random.Generator,
    figures: ModelledFigures,
    gazetteer: Gazetteer,
    org: Organisation,
    case_type: CaseType,
) -> list[Party]:
    if case_type == CaseType.NEIGHBOUR_DISPUTE:
        parties = [Party(role=PartyRole.BOTH), Party(role=PartyRole.BOTH)]
    else:
        prison = None
        if org == Organisation.PRISON:
            prison = gazetteer.prison(pick(rng, figures.prison_weights)).name
        parties = [Party(role=PartyRole.VICTIM), Party(role=PartyRole.PERPETRATOR, prison=prison)]
    if rng.random() < SUPPORTER_SHARE:
        parties.append(Party(role=PartyRole.SUPPORTER))
    return parties

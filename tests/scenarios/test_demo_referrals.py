"""A week of demo referrals gives screening something to do under both Essex policies."""

from __future__ import annotations

from collections import Counter

import pytest

import rules
from models import CaseType, CourtStatus, DecisionKind, Organisation, Route
from scenarios.demo_scales import Scale
from tests.scenarios.demo_cache import demo


def decisions(scale: Scale, policy: str, seed: int = 1) -> Counter[DecisionKind]:
    chosen = rules.load_policy(policy)
    return Counter(rules.screen(r, chosen).decision for r in demo(scale, seed).referrals)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_essex_week_shows_every_kind_of_screening_decision(seed: int) -> None:
    seen = set(decisions(Scale.ESSEX, "essex-2015", seed)) | set(
        decisions(Scale.ESSEX, "essex-2018", seed)
    )
    assert seen == set(DecisionKind)


def test_most_referrals_are_accepted_under_the_2018_policy() -> None:
    got = decisions(Scale.NATIONAL, "essex-2018")
    assert 0.45 <= got[DecisionKind.ACCEPT] / sum(got.values()) <= 0.75


def test_the_2015_policy_turns_away_more_than_the_2018_policy() -> None:
    old, new = decisions(Scale.ESSEX, "essex-2015"), decisions(Scale.ESSEX, "essex-2018")
    assert old[DecisionKind.ACCEPT] < new[DecisionKind.ACCEPT]


def test_routes_and_court_status_fit_the_referrer() -> None:
    for r in demo(Scale.REGION).referrals:
        if r.referrer.organisation == Organisation.SELF:
            assert r.route == Route.SELF_REFERRAL
        if r.route == Route.POST_SENTENCE:
            assert r.court == CourtStatus.SENTENCED
        if r.court == CourtStatus.PENDING:
            assert r.case_type == CaseType.CRIMINAL_OFFENCE
        if r.youth.youth_justice:
            assert r.youth.under_18


def test_prison_referrals_name_a_prison_the_gazetteer_knows() -> None:
    from geo import default_gazetteer

    gazetteer = default_gazetteer()
    named = [p for r in demo(Scale.NATIONAL).referrals for p in r.prisons]
    assert named
    for name in named:
        assert gazetteer.prison(name).name == name


def test_referrals_arrive_in_the_week_up_to_the_planning_day() -> None:
    data = demo(Scale.ESSEX)
    days = {(data.problem.as_of - r.received).days for r in data.referrals}
    assert days <= set(range(7))
    assert len({r.id for r in data.referrals}) == len(data.referrals)

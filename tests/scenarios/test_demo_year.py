"""The demo year's plan against the 2017-18 dashboard (shared/seeds 003, copied with its
sources into scenarios/data/seed_figures.yaml): the totals it is built to hit, the mix it draws
from, and the same plan from the same seed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cache

import pytest

from geo import default_gazetteer
from models import Organisation
from scenarios import demo_year as y
from scenarios.demo_data import load_demo
from scenarios.demo_figures import SeedFigures, default_figures
from scenarios.demo_scales import Scale

TODAY = dt.date(2026, 12, 7)
CONTACTED_TOLERANCE = 0.03
"""People contacted: the closed cases hit the dashboard's figure exactly; the open cases (about
20, one person harmed each, the responsible once the harmed agreed) add or take a few."""
TOOK_UP_TOLERANCE = 0.03
"""Took up: exactly 278 in the closed cases, plus the open cases' agreements so far (a few)."""


def people() -> list[tuple[str, bool]]:
    return [(f.id, f.experienced) for f in load_demo(Scale.ESSEX).problem.facilitators]


@cache
def plan(seed: int = 2017, today: dt.date = TODAY) -> y.YearPlan:
    return y.plan_year(today, people(), default_gazetteer(), seed)


@pytest.fixture(scope="module")
def seeds() -> SeedFigures:
    return default_figures().seed


def test_the_year_receives_the_dashboards_426_referrals_over_the_365_days_before_today(
    seeds: SeedFigures,
) -> None:
    year = plan()
    assert len(year.referrals) == seeds.referrals_2017_18_total
    received = [r.received for r in year.referrals]
    assert min(received) >= TODAY - dt.timedelta(days=365)
    assert max(received) < TODAY
    assert all(year.start <= act.on < TODAY for act in year.acts)


def test_the_year_ends_in_the_dashboards_100_positive_outcomes_direct_and_indirect(
    seeds: SeedFigures,
) -> None:
    counts = y.count(plan())
    assert counts.positive == seeds.positive_outcomes_2017_18
    # the 2016 review's conference : indirect ratio of 6 : 4, within the draw's spread
    assert 45 <= counts.outcomes["direct"] <= 75
    assert counts.outcomes["declined"] > counts.outcomes["no_outcome"]


def test_the_people_contacted_and_taking_up_are_the_dashboards_within_tolerance(
    seeds: SeedFigures,
) -> None:
    for seed in (2017, 5):
        counts = y.count(plan(seed))
        assert counts.harmed_contacted == pytest.approx(
            seeds.harmed_contacted_2017_18, rel=CONTACTED_TOLERANCE
        )
        assert counts.responsible_contacted == pytest.approx(
            seeds.responsible_contacted_2017_18, rel=CONTACTED_TOLERANCE
        )
        assert counts.took_up == pytest.approx(seeds.people_took_up_2017_18, rel=TOOK_UP_TOLERANCE)


def test_the_referrals_follow_the_seeds_mix_police_first() -> None:
    year = plan()
    by_org = Counter(r.referrer.organisation for r in year.referrals)
    assert by_org.most_common(1)[0][0] is Organisation.POLICE
    assert 0.4 <= by_org[Organisation.POLICE] / len(year.referrals) <= 0.6
    districts = Counter(r.district for r in year.referrals)
    top = {d for d, _ in districts.most_common(4)}
    assert "Colchester" in top


def test_some_cases_are_still_open_and_some_referrals_wait_for_a_review() -> None:
    year = plan()
    counts = y.count(year)
    assert 10 <= counts.open_cases <= 40
    pending = [a for a in year.acts if isinstance(a, y.SetReview) and a.review_on >= TODAY]
    assert pending, "a held referral's review is still to come"


def test_evaluations_come_back_from_about_a_quarter_of_those_who_took_part(
    seeds: SeedFigures,
) -> None:
    counts = y.count(plan())
    share = counts.evaluations / counts.took_up
    assert share == pytest.approx(seeds.evaluations_returned_2017_18, abs=0.08)


def test_the_same_seed_gives_the_same_year_and_another_seed_another() -> None:
    first = y.plan_year(TODAY, people(), default_gazetteer(), 11)
    again = y.plan_year(TODAY, people(), default_gazetteer(), 11)
    other = y.plan_year(TODAY, people(), default_gazetteer(), 12)
    assert first == again
    assert first.acts != other.acts


def test_the_year_moves_with_today() -> None:
    later = TODAY + dt.timedelta(days=100)
    moved = plan(2017, later)
    assert moved.start == later - dt.timedelta(days=365)
    assert max(a.on for a in moved.acts) < later


def test_a_slice_of_the_plan_keeps_only_its_referrals_acts() -> None:
    year = plan()
    ids = {r.id for r in year.referrals[:10]}
    part = y.only(year, ids)
    assert {r.id for r in part.referrals} == ids
    assert part.acts
    assert all(a.case in ids for a in part.acts)

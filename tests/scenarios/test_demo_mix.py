"""The demo service looks like the seeds: referral mix, volunteer pool, training, case mix."""

from __future__ import annotations

from collections import Counter

import pytest

from models import InputError, Organisation, Skill
from scenarios.demo_cases import capacity_hours
from scenarios.demo_figures import default_figures, parse_figures
from scenarios.demo_scales import Scale
from tests.scenarios.demo_cache import demo

FIGURES = default_figures()


def shares(counts: Counter[str]) -> dict[str, float]:
    total = sum(counts.values())
    return {k: n / total for k, n in counts.items()}


def test_the_seed_figures_are_the_seeds_own_totals() -> None:
    seed = FIGURES.seed
    assert sum(seed.referrals_2015_16_by_referrer.values()) == 77  # 001, table "Referrer"
    assert seed.referrals_2017_18_total == 426  # 003, dashboard
    assert seed.new_volunteers_trained - seed.new_volunteers_started == 16  # 003, vetting
    assert (seed.case_hours_min, seed.case_hours_max) == (18, 20)  # 000 and 002


def test_the_referrer_mix_follows_the_modelled_weights() -> None:
    referrals = demo(Scale.NATIONAL).referrals
    got = shares(Counter(r.referrer.organisation.value for r in referrals))
    want = FIGURES.modelled.referrer_weights
    total = sum(want.values())
    for org, weight in want.items():
        assert got.get(org, 0.0) == pytest.approx(weight / total, abs=0.035), org


def test_police_are_the_top_referrer_as_in_2017_18() -> None:
    referrals = demo(Scale.NATIONAL).referrals
    top, _ = Counter(r.referrer.organisation for r in referrals).most_common(1)[0]
    assert top == Organisation.POLICE


def test_colchester_southend_and_thurrock_are_the_top_areas_as_in_2017_18() -> None:
    referrals = demo(Scale.NATIONAL).referrals
    by_area = Counter(r.district for r in referrals)
    top_three = {d for d, _ in by_area.most_common(3)}
    top_four = {d for d, _ in by_area.most_common(4)}
    assert "Colchester" in top_three
    assert set(FIGURES.seed.referrals_2017_18_top_police_areas) <= top_four
    # and of the rest, Chelmsford leads, as it led the 2015-16 table
    top_2017_18 = FIGURES.seed.referrals_2017_18_top_police_areas
    rest = {d: n for d, n in by_area.items() if d not in top_2017_18}
    assert max(rest, key=rest.__getitem__) == "Chelmsford"


def test_a_few_referrals_come_from_out_of_the_area() -> None:
    referrals = demo(Scale.NATIONAL).referrals
    out = sum(1 for r in referrals if r.district == "out_of_area")
    assert 1 <= out <= 30


def test_about_fifty_of_the_sixty_essex_volunteers_can_take_cases() -> None:
    problem = demo(Scale.ESSEX).problem
    able = [f for f in problem.facilitators if f.active and f.vetting_expires > problem.as_of]
    assert 46 <= len(able) <= 52


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_some_trained_volunteers_are_waiting_for_vetting(seed: int) -> None:
    problem = demo(Scale.ESSEX, seed).problem
    unvetted = [f for f in problem.facilitators if f.vetting_expires <= problem.as_of]
    # 12 recent trainees, 16/25 of them waiting (003), and a lapsed renewal or so
    assert 8 <= len(unvetted) <= 12
    assert not any(f.experienced for f in unvetted)
    assert sum(1 for f in unvetted if Skill.MEDIATION in f.skills) >= 8  # initial training


def test_training_is_rarer_the_more_specialist_it_is() -> None:
    people = demo(Scale.NATIONAL).problem.facilitators
    count = Counter(s for f in people for s in f.skills)
    n = len(people)
    assert count[Skill.MEDIATION] / n == pytest.approx(0.7, abs=0.05)
    assert count[Skill.COMPLEX] / n == pytest.approx(0.26, abs=0.05)
    assert count[Skill.DV] / n == pytest.approx(0.1, abs=0.03)
    assert count[Skill.PRISON] / n == pytest.approx(0.28, abs=0.05)
    assert count[Skill.MEDIATION] > count[Skill.COMPLEX] > count[Skill.DV]


def test_dv_training_only_among_the_complex_trained_and_those_only_among_the_experienced() -> None:
    for person in demo(Scale.REGION).problem.facilitators:
        if person.has(Skill.DV):
            assert person.has(Skill.COMPLEX)
        if person.has(Skill.COMPLEX):
            assert person.experienced


def test_weekly_hours_centre_on_the_seeds_six_or_so() -> None:
    people = demo(Scale.NATIONAL).problem.facilitators
    hours = [f.weekly_hours for f in people]
    assert 6 <= sum(hours) / len(hours) <= 7.5
    assert sum(1 for h in hours if 4 <= h <= 8) / len(hours) >= 0.7
    assert {f.max_cases for f in people} == {1, 2, 3}


def test_the_case_mix_follows_the_2018_accept_mix() -> None:
    cases = demo(Scale.NATIONAL).problem.cases
    new = [c for c in cases if not c.current]
    dv = sum(1 for c in new if Skill.DV in c.requires.either) / len(new)
    prison = sum(1 for c in new if c.prison is not None) / len(new)
    cjp = sum(1 for c in new if Skill.CJP in c.requires.either) / len(new)
    weights = FIGURES.modelled.case_kind_weights
    assert dv == pytest.approx(weights["domestic_abuse"], abs=0.03)
    assert prison == pytest.approx(weights["prison"], abs=0.03)
    assert cjp == pytest.approx(weights["community_issue"], abs=0.03)


def test_essex_capacity_is_tight_but_not_overrun_in_total() -> None:
    problem = demo(Scale.ESSEX).problem
    able = [f for f in problem.facilitators if f.active and f.vetting_expires > problem.as_of]
    capacity = sum(capacity_hours(f, problem.as_of, problem.horizon_weeks) for f in able)
    demand = sum(2 * c.hours for c in problem.cases)
    assert 0.75 <= demand / capacity <= 1.0


def test_a_figures_file_with_a_bad_weight_is_refused_naming_the_field() -> None:
    text = "seed: {}\nmodelled: {}\n"
    with pytest.raises(InputError) as error:
        parse_figures(text, "figures.yaml")
    pointers = {e.pointer for e in error.value.errors}
    assert "/seed/referrals_2017_18_total" in pointers
    assert error.value.source == "figures.yaml"


def test_a_figures_file_that_is_not_yaml_is_refused() -> None:
    with pytest.raises(InputError, match="not valid YAML"):
        parse_figures("seed: [unclosed", "figures.yaml")

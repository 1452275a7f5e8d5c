"""The demo-data generator: deterministic, the right size, valid documents, shipped data current."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import Problem, Referral, parse_document, parse_list
from scenarios.demo_data import (
    SHIPPED,
    SIZES,
    Scale,
    demo_files,
    generate,
    load_demo,
    parse_demo,
    shipped_files,
)
from tests.scenarios.demo_cache import demo


@pytest.mark.parametrize("scale", [Scale.TINY, Scale.ESSEX, Scale.REGION])
def test_the_same_seed_gives_byte_identical_files(scale: Scale) -> None:
    assert demo_files(generate(scale, 7)) == demo_files(generate(scale, 7))


@pytest.mark.parametrize("scale", [Scale.TINY, Scale.ESSEX])
def test_a_different_seed_gives_different_people_cases_and_referrals(scale: Scale) -> None:
    one, two = demo_files(demo(scale, 1)), demo_files(demo(scale, 2))
    assert one["problem.json"] != two["problem.json"]
    assert one["referrals.json"] != two["referrals.json"]


def test_a_different_planning_day_moves_the_dates_but_not_the_people() -> None:
    later = generate(Scale.TINY, 1, dt.date(2027, 3, 1)).problem
    now = demo(Scale.TINY).problem
    assert later.as_of == dt.date(2027, 3, 1)
    assert [f.home for f in later.facilitators] == [f.home for f in now.facilitators]
    assert [f.vetting_expires for f in later.facilitators] != [
        f.vetting_expires for f in now.facilitators
    ]


@pytest.mark.parametrize("scale", list(Scale))
def test_each_scale_has_the_size_the_issue_asks_for(scale: Scale) -> None:
    data, size = demo(scale), SIZES[scale]
    assert len(data.problem.facilitators) == size.facilitators
    assert len(data.problem.cases) == size.cases
    assert sum(1 for c in data.problem.cases if c.current) == size.ongoing
    assert len(data.referrals) == size.referrals


def test_the_essex_scale_is_60_volunteers_and_65_cases_40_of_them_ongoing() -> None:
    assert (SIZES[Scale.ESSEX].facilitators, SIZES[Scale.ESSEX].cases) == (60, 65)
    assert SIZES[Scale.ESSEX].ongoing == 40
    assert (SIZES[Scale.TINY].facilitators, SIZES[Scale.TINY].cases) == (12, 10)
    assert (SIZES[Scale.REGION].facilitators, SIZES[Scale.REGION].cases) == (300, 350)
    assert (SIZES[Scale.NATIONAL].facilitators, SIZES[Scale.NATIONAL].cases) == (2000, 1900)


@pytest.mark.parametrize("scale", list(Scale))
def test_every_generated_file_is_a_valid_document_of_its_format(scale: Scale) -> None:
    files = demo_files(demo(scale))
    problem = parse_document(json.loads(files["problem.json"]), Problem, "problem.json")
    referrals = parse_list(json.loads(files["referrals.json"]), Referral, "referrals.json")
    assert problem.format == "rjplan.problem/1"
    assert {r.format for r in referrals} == {"rjplan.referral/1"}


@pytest.mark.parametrize("scale", [Scale.TINY, Scale.ESSEX, Scale.REGION])
def test_the_files_read_back_to_the_same_demo_service(scale: Scale) -> None:
    data = demo(scale)
    assert parse_demo(demo_files(data)) == data


@pytest.mark.parametrize("scale", SHIPPED)
def test_the_shipped_datasets_are_what_the_generator_makes_now(scale: Scale) -> None:
    # If this fails the generator or its figures changed: regenerate with
    # `rjplan demo-data --scale SCALE --seed 1 -o scenarios/data/demo/SCALE` and commit.
    assert shipped_files(scale) == demo_files(generate(scale, 1, dt.date(2026, 11, 23)))


def test_load_demo_reads_shipped_data_and_generates_the_big_scales() -> None:
    assert load_demo(Scale.ESSEX) == demo(Scale.ESSEX)
    assert len(load_demo(Scale.REGION).problem.facilitators) == 300


def test_skill_lists_are_written_in_one_fixed_order() -> None:
    doc = json.loads(demo_files(demo(Scale.ESSEX))["problem.json"])
    order = ["mediation", "complex", "dv", "prison", "cjp"]
    for f in doc["facilitators"]:
        assert f["skills"] == sorted(f["skills"], key=order.index)


def test_homes_and_cases_lie_in_their_own_district() -> None:
    from geo import default_gazetteer

    gazetteer = default_gazetteer()
    problem = demo(Scale.ESSEX).problem
    places = [(f.home, f.district) for f in problem.facilitators]
    places += [(c.location, c.district) for c in problem.cases]
    for location, district in places:
        assert location.outcode is not None
        assert gazetteer.outcode(location.outcode).district == district


def test_the_bigger_scales_spread_over_separate_copies_of_the_county() -> None:
    problem = demo(Scale.REGION).problem
    districts = {f.district for f in problem.facilitators}
    assert "Colchester" in districts
    assert "Colchester (area 5)" in districts
    assert all(f.home.outcode is None for f in problem.facilitators if "(area" in str(f.district))


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_any_seed_gives_a_valid_tiny_service_the_same_twice(seed: int) -> None:
    files = demo_files(generate(Scale.TINY, seed))
    assert files == demo_files(generate(Scale.TINY, seed))
    problem = parse_document(json.loads(files["problem.json"]), Problem)
    assert len(problem.cases) == 10

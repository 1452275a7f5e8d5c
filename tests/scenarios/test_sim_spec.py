"""Scenario files: shipped ones load, `extends` changes only what it names, errors say the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import InputError
from scenarios.sim_spec import Scenario, load_scenario, merge, shipped_scenarios


def test_the_calibration_growth_and_complex_scenarios_are_shipped() -> None:
    assert {"essex-2017-18", "essex-growth-40", "essex-2018-complex"} <= set(shipped_scenarios())


def test_the_2017_18_year_counts_twelve_months_after_the_warm_up() -> None:
    year = load_scenario("essex-2017-18")
    assert (year.counted_from.isoformat(), year.end.isoformat()) == ("2017-04-03", "2018-04-03")
    assert year.referrals.per_month * 12 == pytest.approx(426)


def test_a_growth_scenario_changes_the_referral_rate_and_keeps_the_rest() -> None:
    base, growth = load_scenario("essex-2017-18"), load_scenario("essex-growth-40")
    assert growth.referrals.per_month == pytest.approx(base.referrals.per_month * 1.4, rel=0.01)
    assert growth.funnel == base.funnel
    assert growth.cohorts == base.cohorts
    assert growth.scenario == "essex-growth-40"


def test_the_complex_scenario_screens_with_the_2018_policy() -> None:
    assert load_scenario("essex-2018-complex").policy == "essex-2018"


def test_extends_finds_a_file_next_to_the_one_extending_it(tmp_path: Path) -> None:
    (tmp_path / "mine.yaml").write_text("extends: essex-2017-18\nscenario: mine\nseed: 9\n")
    (tmp_path / "more.yaml").write_text("extends: mine.yaml\nscenario: more\nhorizon_months: 3\n")
    more = load_scenario(tmp_path / "more.yaml")
    assert (more.scenario, more.seed, more.horizon_months) == ("more", 9, 3)


def test_extends_merges_mappings_and_replaces_lists() -> None:
    merged = merge({"a": {"x": 1, "y": 2}, "l": [1, 2]}, {"a": {"y": 3}, "l": [4]})
    assert merged == {"a": {"x": 1, "y": 3}, "l": [4]}


def test_a_circle_of_extends_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n")
    with pytest.raises(InputError) as err:
        load_scenario(tmp_path / "a.yaml")
    assert "circle" in str(err.value)


def test_an_unknown_scenario_lists_the_shipped_ones() -> None:
    with pytest.raises(InputError) as err:
        load_scenario("essex-1999")
    assert "essex-2017-18" in err.value.errors[0].message


def test_a_misspelt_field_is_named_with_its_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("extends: essex-2017-18\nreferrals: {per_mnth: 30}\n")
    with pytest.raises(InputError) as err:
        load_scenario(path)
    assert err.value.source == str(path)
    assert any(e.pointer == "/referrals/per_mnth" for e in err.value.errors)


def test_funnel_shares_that_do_not_add_up_say_so() -> None:
    changes = {"funnel": {"worked": {"conference": 0.5, "indirect": 0.1}}}
    with pytest.raises(InputError) as err:
        _with(changes)
    assert "add up to 1" in str(err.value)


def test_an_unknown_outcome_is_refused() -> None:
    with pytest.raises(InputError) as err:
        _with({"funnel": {"not_taken_up": {"declined": 0.5, "vanished": 0.5}}})
    assert "vanished" in str(err.value)


def test_a_pool_from_a_file_needs_a_path() -> None:
    with pytest.raises(InputError) as err:
        _with({"pool": {"source": "file"}})
    assert "path" in str(err.value)


def test_a_scenario_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- 1\n- 2\n")
    with pytest.raises(InputError):
        load_scenario(path)


def _with(changes: dict[str, object]) -> object:
    from scenarios.sim_spec import validate_scenario

    base = load_scenario("essex-2017-18").model_dump(mode="json")
    return validate_scenario(merge(base, changes), "test")


_values = st.recursive(
    st.integers() | st.text(max_size=3),
    lambda inner: st.dictionaries(st.sampled_from("abc"), inner, max_size=3),
    max_leaves=8,
)
_maps = st.dictionaries(st.sampled_from("abcd"), _values, max_size=4)


@settings(max_examples=50)
@given(_maps, _maps)
def test_every_value_an_extending_file_gives_wins(
    base: dict[str, object], changes: dict[str, object]
) -> None:
    merged = merge(base, changes)
    assert merge(base, {}) == base
    for key, value in changes.items():
        if not (isinstance(value, dict) and isinstance(base.get(key), dict)):
            assert merged[key] == value
    assert set(merged) == set(base) | set(changes)


def test_a_pool_file_is_found_next_to_the_scenario(tmp_path: Path) -> None:
    from scenarios.demo_data import PROBLEM_FILE, shipped_files
    from scenarios.demo_scales import Scale
    from scenarios.sim_world import pool_facilitators

    (tmp_path / "pool.json").write_text(shipped_files(Scale.TINY)[PROBLEM_FILE])
    path = tmp_path / "s.yaml"
    path.write_text("extends: essex-2017-18\npool: {source: file, path: pool.json}\n")
    scenario = load_scenario(path)
    assert scenario.pool.path == str(tmp_path / "pool.json")
    assert len(pool_facilitators(scenario)) == 12


def test_an_unreadable_pool_file_names_the_field(tmp_path: Path) -> None:
    from scenarios.sim_world import pool_facilitators

    path = tmp_path / "s.yaml"
    path.write_text("extends: essex-2017-18\npool: {source: file, path: missing.json}\n")
    with pytest.raises(InputError) as err:
        pool_facilitators(load_scenario(path))
    assert err.value.errors[0].pointer == "/pool/path"


def test_an_inline_pool_is_resolved_like_a_problem_file() -> None:
    from scenarios.demo_data import load_demo
    from scenarios.demo_scales import Scale
    from scenarios.sim_world import pool_facilitators

    people = [f.model_dump(mode="json") for f in load_demo(Scale.TINY).problem.facilitators]
    for person in people:  # as the store may hold them: an outcode, no coordinates yet
        person["home"] = {"outcode": person["home"]["outcode"]}
    scenario = _with({"pool": {"source": "inline", "facilitators": people}})
    assert isinstance(scenario, Scenario)
    pool = pool_facilitators(scenario)
    assert [f.id for f in pool] == [p["id"] for p in people]
    assert all(f.home.lat is not None for f in pool)


def test_an_inline_pool_with_an_unknown_outcode_names_the_facilitator() -> None:
    from scenarios.demo_data import load_demo
    from scenarios.demo_scales import Scale
    from scenarios.sim_world import pool_facilitators

    people = [f.model_dump(mode="json") for f in load_demo(Scale.TINY).problem.facilitators]
    people[1]["home"] = {"outcode": "ZZ99"}
    scenario = _with({"pool": {"source": "inline", "facilitators": people}})
    assert isinstance(scenario, Scenario)
    with pytest.raises(InputError) as err:
        pool_facilitators(scenario)
    assert err.value.errors[0].pointer == "/pool/facilitators/1/home/outcode"


@pytest.mark.parametrize(
    ("pool", "field"),
    [
        ({"source": "inline"}, "facilitators"),
        ({"source": "demo", "facilitators": []}, "facilitators"),
    ],
)
def test_only_an_inline_pool_lists_facilitators(pool: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as err:
        _with({"pool": pool})
    assert field in str(err.value)

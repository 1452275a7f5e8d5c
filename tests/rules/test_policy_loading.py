"""Loading a policy: a mistake is refused when the file loads, naming the line and the fix."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import rules
from models import InputError
from rules.conditions import describe
from tests.rules.builders import a_referral


def a_policy(rule: str, head: str = "") -> str:
    """A policy file with one rule (given as indented YAML lines under `- `)."""
    body = textwrap.indent(textwrap.dedent(rule).strip(), "    ")
    return f"policy: test-policy\n{head}rules:\n  - {body.lstrip()}\n"


def refusal(text: str) -> list[str]:
    with pytest.raises(rules.PolicyError) as caught:
        rules.parse_policy(text, "mine.yaml")
    assert caught.value.source == "mine.yaml"
    return [str(e) for e in caught.value.errors]


GOOD_RULE = """
id: victim-refused
reason: The victim refused.
when: {consent.victim: false}
then: {decision: decline}
"""


def test_a_well_formed_policy_loads_with_its_id_and_rules() -> None:
    policy = rules.parse_policy(a_policy(GOOD_RULE), "mine.yaml")
    assert (policy.id, [r.id for r in policy.rules]) == ("test-policy", ["victim-refused"])
    assert policy.rules[0].line == 3
    assert policy.hours == 19.0


def test_a_misspelt_field_is_refused_with_its_line_and_the_right_name() -> None:
    errors = refusal(a_policy(GOOD_RULE.replace("consent.victim", "consent.victm")))
    assert errors == [
        "line 5: rules[0].when.consent.victm: unknown fact 'consent.victm'; "
        "did you mean 'consent.victim'?"
    ]


def test_an_unknown_skill_is_refused() -> None:
    rule = """
    id: needs-mediation
    reason: Neighbours need mediation.
    when: {case_type: neighbour_dispute}
    then:
      decision: accept
      requires: {either: [mediaton]}
    """
    (error,) = refusal(a_policy(rule))
    assert error.startswith("line 8: rules[0].then.requires.either[0]: 'mediaton' is not a skill")
    assert "did you mean 'mediation'?" in error


@pytest.mark.parametrize(
    ("condition", "complaint"),
    [
        ("{court: pendng}", "'pendng' is not a value of court; did you mean 'pending'?"),
        ("{flags.fire_related: yes please}", "flags.fire_related is true or false, not"),
        ("{flags.fire_related: null}", "flags.fire_related is never null"),
        ("{route: {among: [partner]}}", "unknown operator 'among'"),
        ("{received: {at_least: soon}}", "received is a date; write it as YYYY-MM-DD"),
        ("{court: {at_least: pending}}", "at_least does not apply to court"),
        ("{route: [partner, other]}", "a list needs `in:` or `not_in:`"),
        ("{court: pending, route: partner}", "put several under all:"),
        ("{all: []}", "all: needs at least one condition"),
        ("{district: Chelmsfrod}", "did you mean 'Chelmsford'?"),
    ],
)
def test_a_bad_condition_is_refused_with_a_fix(condition: str, complaint: str) -> None:
    head = "area: [Chelmsford, Colchester]\n"
    rule = GOOD_RULE.replace("{consent.victim: false}", condition)
    (error,) = refusal(a_policy(rule, head))
    assert error.startswith("line 6: rules[0].when")
    assert complaint in error


def test_no_condition_is_ever_evaluated_as_python() -> None:
    rule = GOOD_RULE.replace("{consent.victim: false}", "{\"__import__('os').getcwd()\": true}")
    (error,) = refusal(a_policy(rule))
    assert "unknown fact" in error


@pytest.mark.parametrize(
    ("then", "complaint"),
    [
        ("{decision: redirect}", "a redirect says where: redirect_to"),
        ("{decision: redirect, redirect_to: police}", "not a service to redirect to"),
        ("{decision: decline, redirect_to: fire_service_rj_team}", "only goes with redirect"),
        ("{decision: needs_info}", "missing: [field, ...]"),
        ("{decision: needs_info, missing: [consent.victm]}", "did you mean 'consent.victim'"),
        ("{decision: decline, requires: {both: [dv]}}", "requires only goes with accept"),
        ("{decision: accept, requires: {hours: -3}}", "a number of hours above 0"),
        ("{decision: accept, requires: {risk: extreme}}", "not a risk level"),
        ("{decision: refer}", "'refer' is not a decision"),
        ("{decision: accept, because: x}", "unknown key 'because'"),
    ],
)
def test_a_bad_outcome_is_refused_with_a_fix(then: str, complaint: str) -> None:
    errors = refusal(a_policy(GOOD_RULE.replace("{decision: decline}", then)))
    assert len(errors) == 1
    assert complaint in errors[0]


def test_every_mistake_in_a_file_is_reported_at_once() -> None:
    text = a_policy(GOOD_RULE) + "  - id: victim-refused\n    reason: again\n"
    errors = refusal(text.replace("{decision: decline}", "{decision: declin}"))
    assert len(errors) == 2
    assert any("a rule needs id, reason, when, then; add when, then" in e for e in errors)


def test_two_rules_with_one_id_are_refused() -> None:
    errors = refusal(a_policy(GOOD_RULE) + "  - " + GOOD_RULE.strip().replace("\n", "\n    "))
    assert errors == [
        "line 7: rules[1]: rule id 'victim-refused' is already used at line 3; rename one"
    ]


def test_broken_yaml_names_the_line() -> None:
    (error,) = refusal("policy: x\nrules:\n  - id: a\n   reason: b\n")
    assert error.startswith("line 4: not valid YAML")


def test_a_policy_file_is_loaded_from_a_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(a_policy(GOOD_RULE), encoding="utf-8")
    assert rules.load_policy(path).file == str(path)


def test_an_unknown_policy_id_lists_the_shipped_ones() -> None:
    with pytest.raises(InputError, match="use one of essex-2015, essex-2018"):
        rules.load_policy("essex-2099")


def test_the_shipped_policies_are_named_after_their_files() -> None:
    assert rules.list_policies() == ["essex-2015", "essex-2018"]
    assert [rules.load_policy(p).id for p in rules.list_policies()] == rules.list_policies()


def test_a_referral_from_a_district_the_policy_does_not_know_is_an_error() -> None:
    with pytest.raises(rules.ScreeningError) as caught:
        rules.screen(a_referral(district="Londn"), rules.load_policy("essex-2015"))
    (error,) = caught.value.errors
    assert error.pointer == "/district"
    assert "out_of_area" in error.message


def test_conditions_read_back_as_plain_text() -> None:
    policy = rules.load_policy("essex-2015")
    by_id = {r.id: describe(r.condition) for r in policy.rules}
    assert by_id["consent-refused-declined"] == (
        "(consent.victim is false or consent.perpetrator is false)"
    )


def test_the_vocabulary_publishes_facts_with_their_values() -> None:
    vocabulary = rules.vocabulary()
    facts = {f["path"]: f for f in vocabulary["facts"]}
    assert facts["consent.victim"]["kind"] == "bool"
    assert facts["consent.victim"]["nullable"] is True
    assert "youth_offending_service" in facts["referrer.organisation"]["values"]
    assert facts["parties.prison"]["kind"] == "bool"
    assert vocabulary["decisions"] == ["redirect", "decline", "hold", "needs_info", "accept"]

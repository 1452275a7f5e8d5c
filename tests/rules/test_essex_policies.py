"""Every rule of the shipped policies, tested from the wording of the seeds it was written from.

Each case names a policy, the rule that must fire, the referral (the clean referral with a few
fields changed) and what the decision must be. A last test fails when a rule has no case here.
"""

from __future__ import annotations

from typing import Any

import pytest

import rules
from models import DecisionKind
from tests.rules.builders import a_referral, in_prison

NEIGHBOURS_VIA_HOUSING = {
    "case_type": "neighbour_dispute",
    "route": "partner",
    "referrer__organisation": "housing",
}
NEIGHBOUR_SELF_REFERRAL = {
    "case_type": "neighbour_dispute",
    "route": "self_referral",
    "referrer__organisation": "self",
}
SPECIALIST = {"either": ["dv"], "both": ["complex"], "risk": "high", "hours": 30.0}


def case(policy: str, rule: str, changes: dict[str, Any], decision: str, **expect: Any) -> Any:
    return pytest.param(policy, rule, changes, decision, expect, id=f"{policy}: {rule}")


BOTH_POLICIES = [
    # "Cases involving courts can not be progressed until sentencing has been imposed"
    ("court-pending-held", {"court": "pending"}, "hold", {}),
    # "The RJ Hub encompasses the greater Essex area - Essex, Southend and Thurrock."
    ("out-of-area-declined", {"district": "out_of_area"}, "decline", {}),
    # "Referrals regarding neighbour disputes must come through a Community Safety
    # Partnership, Local Action Group, or other partner organisation."
    ("neighbour-self-referral-declined", NEIGHBOUR_SELF_REFERRAL, "decline", {}),
    # "If either party refuses to be involved, the case is closed and sent back to the referrer."
    ("consent-refused-declined", {"consent__perpetrator": False}, "decline", {}),
    ("consent-refused-declined", {"consent__victim": False}, "decline", {}),
    # "The perpetrator must take responsibility for the incident."
    ("responsibility-denied-declined", {"responsibility_accepted": False}, "decline", {}),
    ("responsibility-unknown", {"responsibility_accepted": None}, "needs_info",
     {"missing": ["responsibility_accepted"]}),
    # Community Remedy: "Consent must be sought from both parties to be contacted by the hub."
    ("victim-consent-unknown-out-of-court",
     {"route": "conditional_caution", "consent__victim": None}, "needs_info",
     {"missing": ["consent.victim"]}),
    ("perpetrator-consent-unknown-out-of-court",
     {"route": "community_resolution", "consent__perpetrator": None}, "needs_info",
     {"missing": ["consent.perpetrator"]}),
    # "Many neighbour disputes are resolved with restorative justice or mediation"
    ("neighbour-dispute-mediation", NEIGHBOURS_VIA_HOUSING, "accept", {"either": ["mediation"]}),
    # "An RJ process may be pursued whilst an offender is in custody" (prison access)
    ("party-in-prison-clearance",
     {"route": "post_sentence", "court": "sentenced", "parties": in_prison()}, "accept",
     {"both": ["prison"], "prison": "HMP Chelmsford"}),
]  # fmt: skip

CASES = [
    *(case(p, rule, changes, d, **e) for p in ("essex-2015", "essex-2018")
      for rule, changes, d, e in BOTH_POLICIES),
    # 2015: "if the latter are received in the hub, they will be sent on to the appropriate
    # Youth Offending Service"
    case("essex-2015", "youth-justice-to-yos",
         {"youth__under_18": True, "youth__youth_justice": True}, "redirect",
         redirect_to="youth_offending_service"),
    # "Any referrals coming through the RJ Hub that fit into the Fire Service criteria, will be
    # referred to the Fire Service RJ team."
    case("essex-2015", "fire-related-to-fire-service", {"flags__fire_related": True}, "redirect",
         redirect_to="fire_service_rj_team"),
    # "Cases involving domestic violence, sexual offending or serious and complex offences
    # (such as murder), will not be accepted by the hub."
    case("essex-2015", "domestic-abuse-declined", {"flags__domestic_abuse": True}, "decline"),
    case("essex-2015", "sexual-offence-declined", {"flags__sexual_offence": True}, "decline"),
    case("essex-2015", "serious-complex-declined", {"flags__serious_complex": True}, "decline"),
    # 2018: youth-justice cases still go to the YOS unless the YOS referred them itself
    case("essex-2018", "youth-justice-to-yos",
         {"youth__under_18": True, "youth__youth_justice": True}, "redirect",
         redirect_to="youth_offending_service"),
    case("essex-2018", "youth-justice-from-yos-accepted",
         {"youth__under_18": True, "youth__youth_justice": True,
          "referrer__organisation": "youth_offending_service"}, "accept"),
    case("essex-2018", "fire-related-accepted", {"flags__fire_related": True}, "accept"),
    # "we are now able to accept any referral, regardless of offence type" with volunteers
    # trained on "working with sexual and domestic violence cases" and "complex and sensitive"
    case("essex-2018", "domestic-abuse-specialist", {"flags__domestic_abuse": True}, "accept",
         **SPECIALIST),
    case("essex-2018", "sexual-offence-specialist", {"flags__sexual_offence": True}, "accept",
         **SPECIALIST),
    case("essex-2018", "serious-complex-specialist", {"flags__serious_complex": True}, "accept",
         both=["complex"], risk="standard"),
    # "The service should be stricter with rejecting referrals with no restorative element,
    # such as letter of apology with no victim engagement."
    case("essex-2018", "no-restorative-element-declined", {"restorative_element": False},
         "decline"),
    # "We introduced the use of community justice panels"
    case("essex-2018", "community-issue-panel", {"case_type": "community_issue"}, "accept",
         either=["cjp"]),
]  # fmt: skip


@pytest.mark.parametrize(("policy_id", "rule", "changes", "decision", "expect"), CASES)
def test_each_rule_fires_on_the_case_the_seeds_describe(
    policy_id: str, rule: str, changes: dict[str, Any], decision: str, expect: dict[str, Any]
) -> None:
    outcome = rules.screen(a_referral(**changes), rules.load_policy(policy_id))
    assert rule in [r.rule for r in outcome.reasons]
    assert outcome.decision == decision
    for key in ("redirect_to", "missing"):
        if key in expect:
            assert getattr(outcome, key) == expect.pop(key)
    if outcome.requirements is not None:
        needs = outcome.requirements.model_dump(mode="json")
        assert {key: needs[key] for key in expect} == expect
    else:
        assert not expect


def test_every_shipped_rule_has_a_case_above() -> None:
    covered = {(p.values[0], p.values[1]) for p in CASES}
    shipped = {(pid, r.id) for pid in rules.list_policies() for r in rules.load_policy(pid).rules}
    assert shipped - covered == set()


@pytest.mark.parametrize("policy_id", ["essex-2015", "essex-2018"])
def test_a_clean_low_level_crime_is_accepted_with_no_rule_fired(policy_id: str) -> None:
    outcome = rules.screen(a_referral(), rules.load_policy(policy_id))
    assert outcome.decision is DecisionKind.ACCEPT
    assert outcome.reasons == []
    assert outcome.requirements is not None
    assert outcome.requirements.hours == 19.0


def test_a_young_person_not_on_a_youth_caution_stays_with_the_hub() -> None:
    outcome = rules.screen(a_referral(youth__under_18=True), rules.load_policy("essex-2015"))
    assert outcome.decision is DecisionKind.ACCEPT


def test_consent_not_yet_sought_on_a_partner_referral_does_not_hold_it_up() -> None:
    referral = a_referral(route="partner", consent__victim=None)
    assert rules.screen(referral, rules.load_policy("essex-2015")).decision is DecisionKind.ACCEPT


def test_2015_declines_domestic_abuse_that_2018_accepts_with_specialists() -> None:
    referral = a_referral(flags__domestic_abuse=True)
    before = rules.screen(referral, rules.load_policy("essex-2015"))
    after = rules.screen(referral, rules.load_policy("essex-2018"))
    assert (before.decision, after.decision) == (DecisionKind.DECLINE, DecisionKind.ACCEPT)


def test_a_2018_domestic_abuse_case_in_prison_needs_every_skill_merged() -> None:
    referral = a_referral(
        flags__domestic_abuse=True, flags__serious_complex=True, parties=in_prison()
    )
    needs = rules.screen(referral, rules.load_policy("essex-2018")).requirements
    assert needs is not None
    assert [s.value for s in needs.both] == ["complex", "prison"]
    assert [s.value for s in needs.either] == ["dv"]
    assert (needs.prison, needs.hours, needs.risk.value) == ("HMP Chelmsford", 30.0, "high")


def test_a_court_case_pending_outranks_missing_information() -> None:
    referral = a_referral(court="pending", responsibility_accepted=None)
    outcome = rules.screen(referral, rules.load_policy("essex-2015"))
    assert outcome.decision is DecisionKind.HOLD
    assert [r.rule for r in outcome.reasons] == ["court-pending-held", "responsibility-unknown"]
    assert outcome.missing == []

"""Invariants of screening over generated referrals, under both shipped policies."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import rules
from models import CaseType, CourtStatus, DecisionKind, Organisation, Referral, Route
from models.decision import DECISION_PRECEDENCE
from models.values import FIRST_DAY, LAST_DAY
from rules.compiled import trace

POLICIES = {pid: rules.load_policy(pid) for pid in rules.list_policies()}
DISTRICTS = [*POLICIES["essex-2015"].area, "out_of_area"]
maybe = st.one_of(st.none(), st.booleans())


def _enum(enum: Any) -> st.SearchStrategy[str]:
    return st.sampled_from([m.value for m in enum])


parties = st.lists(
    st.fixed_dictionaries(
        {
            "role": st.sampled_from(["victim", "perpetrator", "both", "supporter"]),
            "prison": st.one_of(st.none(), st.sampled_from(["HMP Chelmsford", "HMP Highpoint"])),
        }
    ),
    max_size=4,
)

referral_docs = st.fixed_dictionaries(
    {
        "id": st.text("RX0123456789-", min_size=1, max_size=8),
        "received": st.dates(min_value=FIRST_DAY, max_value=LAST_DAY).map(str),
        "referrer": st.fixed_dictionaries({"organisation": _enum(Organisation)}),
        "route": _enum(Route),
        "case_type": _enum(CaseType),
        "flags": st.fixed_dictionaries(
            {
                name: st.booleans()
                for name in (
                    "domestic_abuse",
                    "sexual_offence",
                    "serious_complex",
                    "hate_crime",
                    "fire_related",
                )
            }
        ),
        "court": _enum(CourtStatus),
        "youth": st.fixed_dictionaries({"under_18": st.booleans(), "youth_justice": st.booleans()}),
        "consent": st.fixed_dictionaries({"victim": maybe, "perpetrator": maybe}),
        "responsibility_accepted": maybe,
        "restorative_element": st.booleans(),
        "district": st.sampled_from(DISTRICTS),
        "location": st.just({"outcode": "CM1"}),
        "parties": parties,
    }
)
referrals = referral_docs.map(Referral.model_validate)
policies = st.sampled_from(sorted(POLICIES.values(), key=lambda p: p.id))
RANK = {kind: rank for rank, kind in enumerate(DECISION_PRECEDENCE)}


@settings(max_examples=200, deadline=None)
@given(referral=referrals, policy=policies)
def test_the_decision_is_the_first_in_precedence_of_the_rules_that_fired(
    referral: Referral, policy: rules.Policy
) -> None:
    decision = rules.screen(referral, policy)
    fired = [f for f in rules.explain(referral, policy) if f.fired]
    assert [r.rule for r in decision.reasons] == [f.rule for f in fired]
    expected = min((f.decision for f in fired), key=RANK.__getitem__, default=DecisionKind.ACCEPT)
    assert decision.decision is expected
    assert decision.reasons or decision.decision is DecisionKind.ACCEPT


@settings(max_examples=200, deadline=None)
@given(referral=referrals, policy=policies)
def test_each_decision_carries_exactly_what_its_kind_needs(
    referral: Referral, policy: rules.Policy
) -> None:
    decision = rules.screen(referral, policy)
    kind = decision.decision
    assert (decision.redirect_to is not None) == (kind is DecisionKind.REDIRECT)
    assert bool(decision.missing) == (kind is DecisionKind.NEEDS_INFO)
    assert (decision.requirements is not None) == (kind is DecisionKind.ACCEPT)
    if decision.requirements is not None:
        needs = decision.requirements
        assert not set(needs.both) & set(needs.either)
        assert (needs.prison is not None) == ("prison" in needs.both)
        assert needs.prison is None or needs.prison in referral.prisons


@settings(max_examples=200, deadline=None)
@given(referral=referrals, policy=policies)
def test_the_same_referral_and_policy_always_give_the_same_decision(
    referral: Referral, policy: rules.Policy
) -> None:
    first = rules.screen(referral, policy)
    copy = Referral.model_validate(referral.model_dump())
    again = rules.screen(copy, rules.load_policy(policy.id))
    assert again.model_dump_json() == first.model_dump_json()


@settings(max_examples=200, deadline=None)
@given(docs=st.lists(referral_docs, max_size=12), policy=policies)
def test_a_batch_gets_one_decision_per_referral_in_input_order(
    docs: list[dict[str, Any]], policy: rules.Policy
) -> None:
    intake = rules.parse_referral_json(docs, "batch.json")
    decisions = [rules.screen(r, policy) for _, r in intake.referrals]
    assert intake.errors == []
    assert [d.referral for d in decisions] == [doc["id"] for doc in docs]


@settings(max_examples=200, deadline=None)
@given(referral=referrals, policy=policies)
def test_the_compiled_rules_agree_with_the_traced_record(
    referral: Referral, policy: rules.Policy
) -> None:
    for rule in policy.rules:
        held, checks = trace(rule.condition, referral)
        assert held == rule.holds(referral)
        assert checks


@settings(max_examples=200, deadline=None)
@given(referral=referrals, flag=st.sampled_from(["domestic_abuse", "sexual_offence"]))
def test_2018_takes_a_case_it_would_take_anyway_when_it_is_domestic_or_sexual_abuse(
    referral: Referral, flag: str
) -> None:
    plain = referral.model_copy(update={"flags": referral.flags.model_copy(update={flag: False})})
    flagged = referral.model_copy(update={"flags": referral.flags.model_copy(update={flag: True})})
    policy = POLICIES["essex-2018"]
    if rules.screen(plain, policy).decision is DecisionKind.ACCEPT:
        needs = rules.screen(flagged, policy).requirements
        assert needs is not None
        assert ("dv" in needs.either, "complex" in needs.both, needs.risk) == (True, True, "high")

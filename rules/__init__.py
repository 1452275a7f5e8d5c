"""Referral screening: policies as data (YAML) and one small evaluator with reasons.

policy = rules.load_policy("essex-2018")       # or the path of any policy file
decision = rules.screen(referral, policy)       # models.Decision, with every reason
rules.explain(referral, policy)                 # the record: fact, expected, actual
rules.vocabulary()                              # the facts and operators, as data
"""

from rules.compare import Comparison, compare
from rules.evaluate import Finding, ScreeningError, explain, screen
from rules.facts import vocabulary
from rules.policy import Policy, Rule, list_policies, load_policy, parse_policy
from rules.referral_reader import ReferralBatch, parse_referral_csv, parse_referral_json
from rules.source import PolicyError

__all__ = [
    "Comparison",
    "Finding",
    "Policy",
    "PolicyError",
    "ReferralBatch",
    "Rule",
    "ScreeningError",
    "compare",
    "explain",
    "list_policies",
    "load_policy",
    "parse_policy",
    "parse_referral_csv",
    "parse_referral_json",
    "screen",
    "vocabulary",
]

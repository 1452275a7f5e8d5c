"""Referrals: receive them (JSON or CSV), list them, screen them under a named policy."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence

import rules
from allocator.case_from_referral import base_priority, case_from_decision
from geo import Gazetteer
from models import Decision, DecisionKind, FieldError, InputError, Referral
from service.errors import ConflictError, NotFoundError
from service.store import tables as t
from service.store.mapping import case_row
from service.store.uow import UnitOfWork
from service.workflow.auth import Principal
from service.workflow.schemas.referrals import ReferralImport, ReferralOut, ScreeningOut

POLICY_KEY = "policy_in_force"


def create(uow: UnitOfWork, who: Principal, referral: Referral) -> ReferralOut:
    """Store one referral as received (409 when its id is taken)."""
    if uow.referrals.get(referral.id) is not None:
        raise ConflictError("/body/id", f"referral {referral.id!r} exists; give a new id")
    _add(uow, who, referral, "create")
    uow.commit()
    return ReferralOut(referral=referral)


def import_csv(uow: UnitOfWork, who: Principal, text: str) -> ReferralImport:
    """Store every referral in the CSV, or none when any row is bad (all listed)."""
    rows, errors = check_csv(uow, text)
    if errors:
        raise InputError("referrals.csv", errors)
    for n, (_, referral) in enumerate(rows, 1):
        _add(uow, who, referral, "import")
        if n % 1_000 == 0:
            uow.flush()  # a thousand rows a statement, never one INSERT of them all
    uow.commit()
    return ReferralImport(created=len(rows), ids=[r.id for _, r in rows])


def check_csv(uow: UnitOfWork, text: str) -> tuple[list[tuple[str, Referral]], list[FieldError]]:
    """The CSV's referrals (each with its row) and every error that stops the import, without
    writing anything: what `import_csv` would store, or why it would store nothing."""
    intake = rules.parse_referral_csv(text, "referrals.csv")
    errors = list(intake.errors)
    if not intake.referrals and not errors:
        errors.append(FieldError("row 2", "the file has no referral rows; add at least one"))
    ids = [r.id for _, r in intake.referrals]
    counts, taken = Counter(ids), uow.referrals.existing_ids(ids)
    for place, referral in intake.referrals:
        if counts[referral.id] > 1:
            errors.append(FieldError(f"{place}, column id", "this id appears more than once"))
        elif referral.id in taken:
            errors.append(FieldError(f"{place}, column id", f"referral {referral.id!r} exists"))
    return intake.referrals, errors


def _add(uow: UnitOfWork, who: Principal, referral: Referral, action: str) -> None:
    row = t.Referral(
        id=referral.id,
        received=referral.received,
        district=referral.district,
        document=referral.model_dump(mode="json"),
        created_at=uow.clock.now(),
    )
    uow.referrals.add(row)
    summary = {"received": str(referral.received), "district": referral.district}
    uow.audit.record(who.username, action, "referral", referral.id, summary)


def listing(
    uow: UnitOfWork,
    district: str | None,
    received_from: dt.date | None,
    decision: DecisionKind | None,
    limit: int,
    offset: int,
) -> list[ReferralOut]:
    """Referrals matching the filters, with their current decisions; `decision=None` for all."""
    rows = uow.referrals.search(district, received_from, limit, offset)
    decisions = uow.referrals.latest_decisions(r.id for r in rows)
    out = [_out(uow, row, decisions.get(row.id)) for row in rows]
    if decision is not None:
        out = [r for r in out if r.decision is not None and r.decision.decision is decision]
    return out


def get(uow: UnitOfWork, rid: str) -> ReferralOut:
    """One referral with its current decision and case."""
    row = _existing(uow, rid)
    return _out(uow, row, uow.referrals.latest_decisions([rid]).get(rid))


def _out(uow: UnitOfWork, row: t.Referral, decision: t.Decision | None) -> ReferralOut:
    case = uow.cases.get(row.id)
    return ReferralOut(
        referral=Referral.model_validate(row.document),
        decision=Decision.model_validate(decision.document) if decision else None,
        case_id=case.id if case else None,
    )


def screen(
    uow: UnitOfWork,
    who: Principal,
    rid: str,
    policy_id: str | None,
    policies: Mapping[str, rules.Policy],
    gazetteer: Gazetteer,
) -> ScreeningOut:
    """Screen a referral under a named policy; store the decision; open a case on accept.

    Everything is read before anything is added, so the new rows go in one flush at commit
    (the ORM flushes pending rows before each query: a round trip each otherwise).
    """
    row = _existing(uow, rid)
    policy = choose_policy(uow, policy_id, policies)
    has_case = uow.cases.get(rid) is not None
    referral = Referral.model_validate(row.document)
    decision = rules.screen(referral, policy)
    uow.referrals.add(
        t.Decision(
            referral_id=rid,
            policy=policy.id,
            outcome=decision.decision.value,
            document=decision.model_dump(mode="json"),
            decided_at=uow.clock.now(),
            decided_by=who.username,
        )
    )
    reasons = [r.rule for r in decision.reasons]
    changes = {"policy": policy.id, "decision": decision.decision.value, "rules": reasons}
    uow.audit.record(who.username, "screen", "referral", rid, changes)
    case_id = rid if has_case else _open_case(uow, who, referral, decision, gazetteer)
    uow.commit()
    return ScreeningOut(decision=decision, case_id=case_id)


def _open_case(
    uow: UnitOfWork, who: Principal, referral: Referral, decision: Decision, gaz: Gazetteer
) -> str | None:
    if decision.decision is not DecisionKind.ACCEPT:
        return None
    opened = case_from_decision(referral, decision, gaz, uow.clock.today())
    # the stored priority is the base: each morning adds the wait (proposals.base_problem)
    case = opened.model_copy(update={"priority": base_priority(referral, decision)})
    uow.cases.add(case_row(case, referral.id, uow.clock.now()))
    changes = {"referral": referral.id, "hours": case.hours, "district": case.district}
    uow.audit.record(who.username, "open", "case", case.id, changes)
    return case.id


def choose_policy(
    uow: UnitOfWork, policy_id: str | None, policies: Mapping[str, rules.Policy]
) -> rules.Policy:
    """The named shipped policy, or the one in force; only shipped ids, never a path."""
    wanted = policy_id or in_force(uow, policies)
    if wanted not in policies:
        known = ", ".join(sorted(policies))
        raise InputError.single("screen", "/body/policy", f"unknown policy {wanted!r}; use {known}")
    return policies[wanted]


def in_force(uow: UnitOfWork, policies: Mapping[str, rules.Policy]) -> str:
    """The id of the policy in force (the stored setting, else the newest shipped one)."""
    return uow.settings.get(POLICY_KEY) or max(policies)


def set_in_force(uow: UnitOfWork, who: Principal, policy_id: str, policies: Sequence[str]) -> None:
    """Change the policy in force (audited)."""
    if policy_id not in policies:
        known = ", ".join(policies)
        raise InputError.single(
            "policy", "/body/policy", f"unknown policy {policy_id!r}; use {known}"
        )
    previous = uow.settings.put(POLICY_KEY, policy_id)
    uow.audit.record(who.username, "set", "policy", POLICY_KEY, {"from": previous, "to": policy_id})
    uow.commit()


def _existing(uow: UnitOfWork, rid: str) -> t.Referral:
    row = uow.referrals.get(rid)
    if row is None:
        raise NotFoundError("referral", rid, "/path/referral_id")
    return row

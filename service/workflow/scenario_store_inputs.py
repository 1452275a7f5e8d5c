"""A scenario's `funnel: {source: store}` and `vetting_delay: {source: store}`, fitted from the
store's history when the run starts (service.workflow.scenario_fit), so the scenarios package
gets numbers and never a store. The fit and its samples are kept with the run.

- funnel: from the outcomes of closed cases. A declined case was not taken up; every other
  case was: take_up is the share not declined, not_taken_up is all `declined`, and `worked`
  splits the rest as their outcomes (the record's `direct` is the simulation's `conference`).
  So the simulated shares of closed outcomes are the record's.
- vetting_delay: lognormal from recruits' days from vetting submitted to vetted (the median is
  exp of the mean log-days, sigma the spread of log-days).

Too little history is a 422 naming the part and the sample it needs.
"""

from __future__ import annotations

import math
from typing import Any, Final

from models import InputError
from scenarios.fit import HistoryFit
from scenarios.sim_spec import STORE, store_parts
from service.store.uow import UnitOfWork
from service.workflow import scenario_fit
from service.workflow.schemas.scenarios import FittedFunnel, FittedInputs, FittedVettingDelay

SOURCE = "scenario run"
MIN_CLOSED_CASES: Final = 20
"""Closed cases a fitted funnel needs: with fewer, a share's 95% interval is wider than +-0.2."""
MIN_VETTING_WAITS: Final = 5
"""Vetting waits a fitted delay needs: with fewer the median's interval spans more than a
factor of 4 at the seeds' spread (sigma 0.8)."""
SIM_OUTCOME: Final = {
    "declined": "declined",
    "no_outcome": "no_outcome",
    "indirect": "indirect",
    "direct": "conference",
}
"""The record's outcome kinds (models.casefile.OutcomeKind) in the simulation's words."""


def fill(
    uow: UnitOfWork, data: dict[str, Any], where: str, source: str = SOURCE
) -> tuple[dict[str, Any], FittedInputs]:
    """`data` (a scenario's fields, `extends` resolved) with each part that says `source:
    store` replaced by numbers fitted from the store, and the fit with its samples; InputError
    (from `source`) naming `where` + the part when the part says more, or the store holds too
    little."""
    parts = store_parts(data)
    for part in parts:
        if set(data[part]) != {"source"}:
            msg = f"`source: {STORE}` stands alone: the fit replaces the whole of {part}"
            raise InputError.single(source, f"{where}/{part}", msg)
    first, last = scenario_fit.window(uow, None, None)
    found = scenario_fit.fit(uow)
    out, record = dict(data), FittedInputs(history_from=first, history_to=last)
    if "funnel" in parts:
        out["funnel"], funnel = funnel_of(found, source, f"{where}/funnel")
        record = record.model_copy(update={"funnel": funnel})
    if "vetting_delay" in parts:
        out["vetting_delay"], delay = vetting_delay_of(found, source, f"{where}/vetting_delay")
        record = record.model_copy(update={"vetting_delay": delay})
    return out, record


def asks_the_store(data: dict[str, Any]) -> bool:
    """Whether any part of a scenario's fields asks to be fitted from the store."""
    return bool(store_parts(data))


def funnel_of(found: HistoryFit, source: str, pointer: str) -> tuple[dict[str, Any], FittedFunnel]:
    """The scenario's funnel from the closed cases' outcomes, and what it rests on."""
    closed = found.take_up.n if found.take_up is not None else 0
    if found.take_up is None or closed < MIN_CLOSED_CASES:
        msg = (
            f"the store holds {closed} closed cases with an outcome; fitting the funnel needs "
            f"at least {MIN_CLOSED_CASES}: give take_up, not_taken_up and worked instead"
        )
        raise InputError.single(source, pointer, msg)
    counts: dict[str, int] = {}
    for kind, share in found.outcomes.items():
        name = SIM_OUTCOME.get(kind, "no_outcome")
        counts[name] = counts.get(name, 0) + round(share.value * share.n)
    taken = closed - counts.get("declined", 0)
    worked = (
        {k: n / taken for k, n in sorted(counts.items()) if k != "declined" and n} if taken else {}
    )
    funnel = {"take_up": taken / closed, "not_taken_up": {"declined": 1.0}, "worked": worked}
    return funnel, FittedFunnel(closed_cases=closed, take_up=found.take_up, outcomes=found.outcomes)


def vetting_delay_of(
    found: HistoryFit, source: str, pointer: str
) -> tuple[dict[str, Any], FittedVettingDelay]:
    """The scenario's vetting delay from the recruits' waits, and what it rests on."""
    fitted = found.vetting_delay
    waits = fitted.n if fitted is not None else 0
    if fitted is None or waits < MIN_VETTING_WAITS:
        msg = (
            f"the store holds {waits} recruits' vetting waits (vetting submitted to vetted); "
            f"fitting vetting_delay needs at least {MIN_VETTING_WAITS}: give median_days instead"
        )
        raise InputError.single(source, pointer, msg)
    delay = {"median_days": math.exp(fitted.log_mean), "sigma": fitted.log_sd}
    record = FittedVettingDelay(
        recruits=waits,
        median_days=fitted.median_days,
        sigma=fitted.log_sd,
        p90_days=fitted.p90_days,
    )
    return delay, record

"""`rjplan scenario run FILE --url URL`: a scenario whose `funnel` or `vetting_delay` says
`source: store`, fitted from that store's history before it runs
(service.workflow.scenario_store_inputs); what the fit rests on is printed and kept in the
run document (`fitted_inputs`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from service.cli.db import database_url, migrated
from service.cli.output import console

if TYPE_CHECKING:
    from scenarios.sim_spec import Scenario
    from service.workflow.schemas.scenarios import FittedInputs


def load_for_run(name: str, url: str | None) -> tuple[Scenario, FittedInputs | None]:
    """The scenario `name` (shipped or a file), its `source: store` parts fitted from the
    store at `url` (RJPLAN_DATABASE_URL by default); None: it asked for no fit."""
    from scenarios.sim_spec import load_scenario_data, store_parts, validate_scenario

    data, source = load_scenario_data(name)
    if not store_parts(data):
        return validate_scenario(data, source), None
    from service.clock import SYSTEM_CLOCK
    from service.store.db import session_factory
    from service.store.uow import UnitOfWork
    from service.workflow import scenario_store_inputs

    engine, key = migrated(database_url(url))
    try:
        with UnitOfWork(session_factory(engine, key.cipher), SYSTEM_CLOCK) as uow:
            filled, fitted = scenario_store_inputs.fill(uow, data, "", source)
    finally:
        engine.dispose()
    return validate_scenario(filled, source), fitted


def print_fitted(fitted: FittedInputs) -> None:
    """What the fitted parts rest on: the history's days and each part's sample."""
    say = console.print
    say(f"fitted from the store's history {fitted.history_from} to {fitted.history_to}:")
    if fitted.funnel is not None:
        f = fitted.funnel
        take_up = f.take_up
        say(
            f"  funnel: {f.closed_cases} closed cases, take-up {take_up.value:.2f} "
            f"[{take_up.low:.2f}, {take_up.high:.2f}]",
            highlight=False,
        )
    if fitted.vetting_delay is not None:
        v = fitted.vetting_delay
        m = v.median_days
        say(
            f"  vetting_delay: {v.recruits} recruits, median {m.value:.0f} days "
            f"[{m.low:.0f}, {m.high:.0f}], sigma {v.sigma:.2f}",
            highlight=False,
        )

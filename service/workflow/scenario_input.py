"""What a scenario run runs: a shipped scenario by name, or the text of a scenario file sent by
a manager, checked as `rjplan scenario run` checks a file and resolved to one document.

An uploaded scenario reaches the server's files only through shipped names: `extends` names a
shipped scenario, the pool is a shipped demo service (tiny or essex), the policy a shipped
policy. YAML anchors and aliases are refused: a few lines of them can expand to gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import rules
from models import Facilitator, FieldError, InputError
from rules.yaml_limits import load_yaml
from scenarios.demo_data import SHIPPED
from scenarios.sim_spec import (
    Pool,
    PoolSource,
    Scenario,
    load_scenario,
    merge,
    shipped_scenarios,
    validate_scenario,
)
from scenarios.sim_world import check_inputs
from service.store.uow import UnitOfWork
from service.workflow import scenario_store_inputs
from service.workflow.schemas.scenarios import FittedInputs

SOURCE = "scenario run"
NAME_POINTER = "/body/scenario"
YAML_POINTER = "/body/yaml"
POOL_POINTER = "/body/pool"
MAX_NAME = 100  # the store's column


@dataclass(frozen=True)
class Resolved:
    """The scenario to run, fully resolved, with where it came from and the text sent."""

    scenario: Scenario
    source: Literal["shipped", "upload"]
    text: str | None
    fitted: FittedInputs | None = None


def resolve(
    name: str | None, text: str | None, seed: int | None, uow: UnitOfWork | None = None
) -> Resolved:
    """The scenario a request asks for (`seed` replaces the scenario's own); InputError (422)
    naming the body field, and inside `yaml` the scenario's field, at fault. Parts of an
    uploaded scenario that say `source: store` are fitted from `uow`'s store."""
    if (name is None) == (text is None):
        msg = "give either `scenario` (a shipped scenario's name) or `yaml` (a file's text)"
        raise InputError.single(SOURCE, NAME_POINTER, msg)
    if name is not None:
        resolved = Resolved(_shipped(name), "shipped", None)
        where = NAME_POINTER
    else:
        resolved = _uploaded(text or "", uow)
        where = YAML_POINTER
    scenario = resolved.scenario
    if seed is not None:
        scenario = _revalidated(scenario.model_dump(mode="json") | {"seed": seed}, where)
    try:
        check_inputs(scenario)
    except InputError as exc:
        raise _under(where, exc) from None
    return Resolved(scenario, resolved.source, resolved.text, resolved.fitted)


def with_pool(scenario: Scenario, facilitators: list[Facilitator]) -> Scenario:
    """The scenario starting from these facilitators (the store's) instead of its own pool."""
    if len(facilitators) < 2:
        msg = (
            "the store has fewer than two active facilitators; add some, or use the scenario's pool"
        )
        raise InputError.single(SOURCE, POOL_POINTER, msg)
    pool = Pool(source=PoolSource.INLINE, facilitators=facilitators)
    changed = scenario.model_copy(update={"pool": pool})
    try:
        check_inputs(changed)
    except InputError as exc:
        raise _under(POOL_POINTER, exc) from None
    return changed


def shipped() -> list[Scenario]:
    """Every shipped scenario, by name."""
    return [load_scenario(name) for name in shipped_scenarios()]


def _shipped(name: str) -> Scenario:
    names = shipped_scenarios()
    if name not in names:
        msg = f"no shipped scenario {name!r}; use one of {', '.join(names)}, or send `yaml`"
        raise InputError.single(SOURCE, NAME_POINTER, msg)
    return load_scenario(name)


def _uploaded(text: str, uow: UnitOfWork | None) -> Resolved:
    data = _parse(text)
    parent = data.pop("extends", None)
    if parent is not None:
        names = shipped_scenarios()
        if parent not in names:
            msg = f"extends may name a shipped scenario: one of {', '.join(names)}"
            raise InputError.single(SOURCE, f"{YAML_POINTER}/extends", msg)
        data = merge(load_scenario(parent).model_dump(mode="json"), data)
    fitted = None
    if uow is not None and scenario_store_inputs.asks_the_store(data):
        data, fitted = scenario_store_inputs.fill(uow, data, YAML_POINTER)
    scenario = _revalidated(data, YAML_POINTER)
    _only_shipped_inputs(scenario)
    return Resolved(scenario, "upload", text, fitted)


def _parse(text: str) -> dict[str, Any]:
    data = load_yaml(text, SOURCE, YAML_POINTER)
    if not isinstance(data, dict):
        msg = "a scenario is a mapping of fields (scenario:, start:, ...); see the README"
        raise InputError.single(SOURCE, YAML_POINTER, msg)
    return data


def _revalidated(data: dict[str, Any], where: str) -> Scenario:
    try:
        scenario = validate_scenario(data, SOURCE)
    except InputError as exc:
        raise _under(where, exc) from None
    if len(scenario.scenario) > MAX_NAME:
        msg = f"use a name of at most {MAX_NAME} characters"
        raise InputError.single(SOURCE, f"{where}/scenario", msg)
    return scenario


def _only_shipped_inputs(scenario: Scenario) -> None:
    """The server's own files only: a shipped demo pool and a shipped policy."""
    scales = ", ".join(s.value for s in SHIPPED)
    if scenario.pool.source is not PoolSource.DEMO:
        msg = f"the service runs scenarios on a shipped demo pool: use source demo, scale {scales}"
        raise InputError.single(SOURCE, f"{YAML_POINTER}/pool/source", msg)
    if scenario.pool.scale not in {s.value for s in SHIPPED}:
        raise InputError.single(SOURCE, f"{YAML_POINTER}/pool/scale", f"use one of {scales}")
    policies = rules.list_policies()
    if scenario.policy not in policies:
        msg = f"use a shipped policy: one of {', '.join(policies)}"
        raise InputError.single(SOURCE, f"{YAML_POINTER}/policy", msg)


def _under(prefix: str, exc: InputError) -> InputError:
    """The same errors with pointers into the request body."""
    return InputError(SOURCE, [FieldError(prefix + e.pointer, e.message) for e in exc.errors])

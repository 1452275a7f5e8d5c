"""What-if scenario files: the schema, `extends`, and loading with clear errors.

A scenario is a YAML file (shipped ones live in scenarios/data/scenarios/). It names a policy
from rules/, how many referrals arrive and of what mix, the take-up funnel, how long cases run,
the volunteer pool, attrition, recruitment cohorts, vetting delays and holidays. `extends: NAME`
starts from another scenario (shipped name or path relative to this file) and changes a few
values: mappings merge key by key, everything else (numbers, lists) is replaced.
"""

from __future__ import annotations

import calendar
import datetime as dt
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from models import CaseType, Facilitator, FieldError, InputError, Skill
from models.documents import field_errors
from models.values import Day, Line64, Line100, Line200, Line1000
from rules.yaml_limits import load_yaml

SHIPPED_DIR = "data/scenarios"
STORE = "store"
STORE_FITTED = ("funnel", "vetting_delay")
"""Parts a scenario may ask a service to fit from its store's history (`{source: store}`); the
service fills them with numbers before checking the scenario (scenarios never read a store)."""
Share = float


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


Weight = Annotated[float, Field(ge=0, le=1_000_000)]
"""A relative weight of a mix (finite, not negative)."""
Fraction = Annotated[float, Field(ge=0, le=1)]
MAX_REFERRALS = 20_000
"""The budget of one replicate: referrals simulated, warm-up included (the shipped scenarios
simulate 430 to 700; each one is screened, allocated and followed to its end)."""


def _shares_sum_to_one(name: str, shares: dict[str, float]) -> None:
    total = sum(shares.values())
    if shares and abs(total - 1.0) > 1e-6:
        raise ValueError(f"{name}: the shares add up to {total:.3f}; make them add up to 1")


class Referrals(_Strict):
    """Referral arrivals: a monthly rate with compound growth, and the mix (empty: the seeds')."""

    per_month: float = Field(gt=0, le=1000, description="referrals a month at the start")
    growth_per_year: float = Field(
        default=0.0, gt=-1, le=10, description="0.4 = 40% more a year on"
    )
    referrer_weights: dict[Line64, Weight] = Field(default_factory=dict, max_length=50)
    district_weights: dict[Line64, Weight] = Field(default_factory=dict, max_length=100)
    case_types_by_referrer: dict[Line64, dict[CaseType, Weight]] = Field(
        default_factory=dict, max_length=50
    )


class Funnel(_Strict):
    """What happens to an accepted case: taken up by both sides or not, then how it ends."""

    take_up: Share = Field(ge=0, le=1, description="share of accepted cases both sides take up")
    not_taken_up: dict[Line64, Fraction] = Field(
        description="how cases not taken up close: declined, no_outcome", max_length=10
    )
    worked: dict[Line64, Fraction] = Field(
        max_length=10,
        description="how worked cases end: conference, indirect, declined, no_outcome",
    )

    @model_validator(mode="after")
    def _outcomes_are_known(self) -> Self:
        for name, allowed in (("not_taken_up", CLOSED), ("worked", OUTCOMES)):
            shares: dict[str, float] = getattr(self, name)
            unknown = set(shares) - set(allowed)
            if unknown:
                raise ValueError(f"{name}: unknown outcomes {sorted(unknown)}; use {allowed}")
            _shares_sum_to_one(name, shares)
        return self


OUTCOMES = ("conference", "indirect", "declined", "no_outcome")
POSITIVE = frozenset({"conference", "indirect"})
CLOSED = ("declined", "no_outcome")


class Cases(_Strict):
    """Weeks a worked case runs, and hours per facilitator when the policy's should be changed."""

    length_weeks: dict[CaseType, Annotated[float, Field(gt=0, le=520)]]
    hours: dict[CaseType, Annotated[float, Field(ge=0, le=200)]] = Field(
        default_factory=dict, description="empty: the policy's"
    )

    @model_validator(mode="after")
    def _every_case_type_has_a_length(self) -> Self:
        missing = sorted(t.value for t in CaseType if t not in self.length_weeks)
        if missing:
            raise ValueError(f"length_weeks: add a length for {missing}")
        return self


class PoolSource(StrEnum):
    DEMO = "demo"
    FILE = "file"
    INLINE = "inline"


class Pool(_Strict):
    """Where the volunteers come from: a shipped demo service, a problem file's facilitators,
    or facilitators listed in the scenario itself (the service's store uses this, so a stored
    run keeps the pool it ran with)."""

    source: PoolSource = PoolSource.DEMO
    scale: Line64 = "essex"
    path: Line1000 | None = None
    facilitators: list[Facilitator] | None = Field(default=None, max_length=5000)

    @model_validator(mode="after")
    def _source_has_what_it_needs(self) -> Self:
        if self.source is PoolSource.FILE and not self.path:
            raise ValueError("path: a pool from a file needs `path:` (a rjplan.problem/1 file)")
        inline = self.source is PoolSource.INLINE
        if inline and len(self.facilitators or []) < 2:
            raise ValueError("facilitators: an inline pool lists at least two facilitators")
        if not inline and self.facilitators is not None:
            raise ValueError("facilitators: only an inline pool (`source: inline`) lists them")
        return self


class VettingDelay(_Strict):
    """Days from training to vetting clearance: lognormal with this median and spread."""

    median_days: float = Field(gt=0, le=3650)
    sigma: float = Field(default=0.8, ge=0, le=5)


class Group(_Strict):
    """Volunteers trained together: how many, where they live (None: anywhere) and skills."""

    count: int = Field(ge=0, le=1000)
    district: Line64 | None = None
    skills: frozenset[Skill] = frozenset()


class Cohort(_Strict):
    """A training course finishing `month` months into the counted window (0: at its start)."""

    month: int = Field(ge=0, le=240)
    groups: list[Group] = Field(min_length=1, max_length=50)
    vetting_delay: VettingDelay | None = Field(
        default=None, description="this cohort's vetting, when not the scenario's"
    )


class Absences(_Strict):
    """Holidays: how many a volunteer takes a year and how long each lasts (days, inclusive)."""

    per_year: float = Field(default=2.0, ge=0, le=50)
    min_days: int = Field(default=3, ge=1, le=365)
    max_days: int = Field(default=14, ge=1, le=365)


class Scenario(_Strict):
    """One what-if scenario, fully resolved (no `extends` left)."""

    scenario: Line100 = Field(min_length=1)
    title: Line200 = ""
    start: Day
    horizon_months: int = Field(ge=1, le=120)
    warmup_weeks: int = Field(default=0, ge=0, le=104)
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    policy: Line64 = Field(min_length=1)
    referrals: Referrals
    funnel: Funnel
    cases: Cases
    pool: Pool = Pool()
    retained_after_year: Share = Field(default=1.0, gt=0, le=1)
    experienced_after_cases: int = Field(default=2, ge=0, le=1000)
    cohorts: list[Cohort] = Field(default_factory=list, max_length=240)
    vetting_delay: VettingDelay = VettingDelay(median_days=240)
    absences: Absences = Absences()
    solve_seconds: float = Field(default=2.0, gt=0, le=60, description="solver limit each morning")
    own_goals: bool = Field(
        default=False,
        description="also run the allocator's level 5 (its own goals), which only chooses "
        "among plans equal on the four canonical levels: it changed 4 pairs in 117 mornings "
        "of essex-2017-18 and no figure a scenario reports, for 39 % more allocator time",
    )
    greedy_mornings: bool = Field(
        default=False,
        description="allocate each morning with the coordinator's greedy plan instead of the "
        "four proven levels: on 100 replicates of essex-2017-18 the same cases allocated, "
        "taken up, waits and positive outcomes on every replicate, but other pairs (changes "
        "on 6 replicates, the districts' utilisation on 66, the unallocated reasons on 28), "
        "for 43 % less CPU; off by default, as a scenario about allocation quality needs the "
        "optimum",
    )
    skip_unchanged_mornings: bool = Field(
        default=True,
        description="skip the solve on a weekday (not Monday) when nothing changed since the "
        "last one; false: solve every working morning with a case waiting",
    )

    @model_validator(mode="after")
    def _within_the_budget(self) -> Self:
        referrals = self.expected_referrals()
        if referrals > MAX_REFERRALS:
            raise ValueError(
                f"referrals: the run would simulate about {referrals:,.0f} referrals a replicate; "
                f"the budget is {MAX_REFERRALS:,}: lower per_month, growth_per_year, "
                "horizon_months or warmup_weeks"
            )
        return self

    def expected_referrals(self) -> float:
        """About how many referrals one replicate simulates, warm-up included (an upper bound:
        the whole run at the last month's rate)."""
        months = self.horizon_months + self.warmup_weeks * 7 / 30.44
        rate = self.referrals.per_month * (1 + self.referrals.growth_per_year) ** (months / 12)
        return float(max(rate, self.referrals.per_month) * months)

    @property
    def end(self) -> dt.date:
        """The first day after the run: `horizon_months` after the warm-up."""
        return add_months(self.counted_from, self.horizon_months)

    @property
    def counted_from(self) -> dt.date:
        """The first counted day, after the warm-up."""
        return self.start + dt.timedelta(weeks=self.warmup_weeks)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved on by whole months (the 31st becomes the month's last day when shorter)."""
    m = day.month - 1 + months
    year, month = day.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped with rjplan."""
    folder = resources.files("scenarios") / SHIPPED_DIR
    names = (p.name for p in folder.iterdir())
    return sorted(n.removesuffix(".yaml") for n in names if n.endswith(".yaml"))


def load_scenario(name_or_path: str | Path) -> Scenario:
    """A shipped scenario by name or a scenario file by path, with `extends` resolved."""
    return validate_scenario(*load_scenario_data(name_or_path))


def load_scenario_data(name_or_path: str | Path) -> tuple[dict[str, Any], str]:
    """A scenario's fields with `extends` resolved, not yet checked, and where they came from
    (for a caller that fills parts fitted from a store first)."""
    return _resolve(str(name_or_path), None, ())


def store_parts(data: dict[str, Any]) -> list[str]:
    """The parts of scenario data that ask to be fitted from a service's store
    (`funnel: {source: store}`, `vetting_delay: {source: store}`), in STORE_FITTED order."""
    return [
        p for p in STORE_FITTED if isinstance(data.get(p), dict) and data[p].get("source") == STORE
    ]


def validate_scenario(data: dict[str, Any], source: str) -> Scenario:
    """Check merged scenario data; raises InputError naming each field at fault and the fix."""
    unfitted = store_parts(data)
    if unfitted:
        msg = (
            f"{unfitted[0]}: `source: store` is fitted from a service's history; run the "
            "scenario through the service (`rjplan scenario run --url`, POST /scenario-runs)"
        )
        raise InputError.single(source, f"/{unfitted[0]}/source", msg)
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise InputError(source, field_errors(exc)) from None


def _resolve(ref: str, base: Path | None, seen: tuple[str, ...]) -> tuple[dict[str, Any], str]:
    text, source, folder = _read(ref, base)
    if source in seen:
        chain = " -> ".join((*seen, source))
        raise InputError.single(source, "/extends", f"extends goes round in a circle: {chain}")
    data = _anchor_pool_path(_parse_yaml(text, source), folder)
    parent = data.pop("extends", None)
    if parent is None:
        return data, source
    if not isinstance(parent, str):
        raise InputError.single(source, "/extends", "give the name or path of one scenario")
    inherited, _ = _resolve(parent, folder, (*seen, source))
    return merge(inherited, data), source


def merge(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`base` with `changes` applied: mappings merge key by key, other values are replaced, and
    so is a part asking to be fitted from a store (`{source: store}` replaces it whole)."""
    out = dict(base)
    for key, value in changes.items():
        old = out.get(key)
        both_maps = isinstance(old, dict) and isinstance(value, dict)
        both_maps = both_maps and not (key in STORE_FITTED and value.get("source") == STORE)
        out[key] = merge(old, value) if both_maps else value  # type: ignore[arg-type]
    return out


def _anchor_pool_path(data: dict[str, Any], folder: Path | None) -> dict[str, Any]:
    """A pool file's path is relative to the scenario file that names it."""
    pool = data.get("pool")
    if folder is None or not isinstance(pool, dict) or not isinstance(pool.get("path"), str):
        return data
    return data | {"pool": pool | {"path": str(folder / pool["path"])}}


def _read(ref: str, base: Path | None) -> tuple[str, str, Path | None]:
    """The text, display name and folder of a scenario given by name or path."""
    candidates = [Path(ref)] if base is None else [base / ref, Path(ref)]
    for path in candidates:
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8"), str(path), path.parent
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError.single(str(path), "", f"cannot read the file: {exc}") from None
    shipped = resources.files("scenarios") / SHIPPED_DIR / f"{ref}.yaml"
    if shipped.is_file():
        return shipped.read_text(encoding="utf-8"), f"scenarios/{SHIPPED_DIR}/{ref}.yaml", None
    choices = ", ".join(shipped_scenarios())
    msg = f"no such scenario or file; use one of {choices}, or the path of a .yaml file"
    raise InputError.single(ref, "", msg)


def _parse_yaml(text: str, source: str) -> dict[str, Any]:
    data = load_yaml(text, source)
    if not isinstance(data, dict):
        raise InputError(source, [FieldError("", "a scenario is a mapping of fields; see docs")])
    return data
